import { z } from "zod";

/** Ids are `<prefix>_<32 hex>` (see prisma/schema.prisma defaults); anything else is rejected early. */
export const prefixedId = (prefix: string) =>
  z.string().regex(new RegExp(`^${prefix}_[0-9a-f]{32}$`), `Expected a ${prefix}_ id`);
