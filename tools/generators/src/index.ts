export { microserviceGenerator } from './generators/microservice/generator';
export { removeMicroserviceGenerator } from './generators/remove-microservice/generator';
export { codeownersGenerator } from './generators/codeowners/generator';
export { addDeployment, removeDeployment, deploymentOptionsOf } from './generators/microservice/lib/add-deployment';
