import { ApiProperty } from '@nestjs/swagger';

export class InfoDto {
  @ApiProperty({ example: 'gateway' })
  name!: string;

  @ApiProperty({ enum: ['public', 'internal', 'hybrid'] })
  accessibility!: string;

  @ApiProperty({ type: [String], example: [] })
  persistence!: string[];
}

