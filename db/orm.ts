import { MikroORM } from '@mikro-orm/postgresql';
import { ormConfig } from './config.ts';

export type Orm = MikroORM;

export function openOrm(databaseUrl: string, poolMax?: number): Promise<Orm> {
  return MikroORM.init(ormConfig(databaseUrl, poolMax));
}
