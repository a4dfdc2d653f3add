import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { CreateItemDto, ItemDto, ItemPageDto, ListItemsQueryDto } from '@ms/contracts-product-search';
import { Item } from './item.entity';

export const DEFAULT_PAGE_SIZE = 20;

export function toItemDto(item: Item): ItemDto {
  return { id: item.id, name: item.name, description: item.description, createdAt: item.createdAt.toISOString() };
}

@Injectable()
export class ItemsService {
  constructor(@InjectRepository(Item) private readonly items: Repository<Item>) {}

  async create(input: CreateItemDto): Promise<ItemDto> {
    const item = await this.items.save(this.items.create({ name: input.name, description: input.description ?? '' }));
    return toItemDto(item);
  }

  async list({ page = 1, pageSize = DEFAULT_PAGE_SIZE }: ListItemsQueryDto): Promise<ItemPageDto> {
    const [rows, total] = await this.items.findAndCount({
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return { items: rows.map(toItemDto), total, page, pageSize };
  }

  async get(id: string): Promise<ItemDto> {
    const item = await this.items.findOneBy({ id });
    if (!item) throw new NotFoundException(`item ${id} not found`);
    return toItemDto(item);
  }

  count(): Promise<number> {
    return this.items.count();
  }
}
