import { ApiProperty } from '@nestjs/swagger';

export class InfoDto {
  @ApiProperty({ example: 'user-management' })
  name!: string;

  @ApiProperty({ enum: ['public', 'internal', 'hybrid'] })
  accessibility!: string;

  @ApiProperty({ type: [String], example: ["database"] })
  persistence!: string[];
}

export class RuntimeDto {
  @ApiProperty({ description: 'When this instance started (ISO 8601)' })
  startedAt!: string;

  @ApiProperty({ description: 'Seconds since this instance started' })
  uptimeSeconds!: number;
}

