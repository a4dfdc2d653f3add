import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class SummaryDto {
  @ApiPropertyOptional({ description: 'Number of stored items' })
  items?: number;

  @ApiProperty({ description: 'When this summary was computed; it is cached for a few seconds' })
  computedAt!: string;
}
