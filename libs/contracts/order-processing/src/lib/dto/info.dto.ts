import { ApiProperty } from '@nestjs/swagger';

export class InfoDto {
  @ApiProperty({ example: 'order-processing' })
  name!: string;

  @ApiProperty({ enum: ['public', 'internal', 'hybrid'] })
  accessibility!: string;

  @ApiProperty({ type: [String], example: ["database"] })
  persistence!: string[];
}

