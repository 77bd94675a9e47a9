// Accounts: who may do what. An archivist takes documents in and reviews them, an analyst reads,
// queries and exports, an admin also manages users and queues.
import { z } from 'zod';

export const Role = z.enum(['archivist', 'analyst', 'admin']);
export type Role = z.infer<typeof Role>;

/** What a route needs: anyone signed in may read; writing documents and reviewing needs an archivist. */
export const Access = z.enum(['read', 'write', 'admin']);
export type Access = z.infer<typeof Access>;

const GRANTS: Record<Role, readonly Access[]> = {
  analyst: ['read'],
  archivist: ['read', 'write'],
  admin: ['read', 'write', 'admin'],
};

export const mayDo = (role: Role, access: Access) => GRANTS[role].includes(access);
/** What a role may do, for the UI to show only what it may use. */
export const grantsOf = (role: Role): Access[] => [...GRANTS[role]];

export const Username = z
  .string()
  .trim()
  .min(2, 'tên đăng nhập từ 2 ký tự')
  .max(64, 'tên đăng nhập tối đa 64 ký tự')
  .regex(/^[\p{L}\p{N}._@-]+$/u, 'tên đăng nhập chỉ gồm chữ, số và . _ @ -');

export const Password = z.string().min(10, 'mật khẩu từ 10 ký tự').max(200, 'mật khẩu tối đa 200 ký tự');

export const UserRecord = z.object({
  id: z.number().int(),
  username: z.string(),
  role: Role,
  disabled: z.boolean(),
  created_at: z.string(),
});
export type UserRecord = z.infer<typeof UserRecord>;
