export interface RemoveMicroserviceGeneratorSchema {
  name: string;
}
