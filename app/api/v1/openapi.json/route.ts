import { route } from "@/lib/route";
import { openApiDocument } from "@/lib/openapi/document";

export const GET = route({ permission: null }, async () => openApiDocument());
