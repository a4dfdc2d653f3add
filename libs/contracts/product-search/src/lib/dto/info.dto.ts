import { ApiProperty } from '@nestjs/swagger';

export class InfoDto {
  @ApiProperty({ example: 'product-search' })
  name!: string;

  @ApiProperty({ enum: ['public', 'internal', 'hybrid'] })
  accessibility!: string;

  @ApiProperty({ type: [String], example: ['database', 'file-storage', 'cache'] })
  persistence!: string[];
}
