import { z } from "zod";
import { prefixedId } from "@/lib/ids";

export const identityIdParams = z.object({ id: prefixedId("idn") });
