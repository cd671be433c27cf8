-- The raw record is kept as the JSON text the log wrote (byte for byte when the file holds it on a
-- line of its own) instead of jsonb: nothing queries inside it, and parsing every record into jsonb
-- was a third of PostgreSQL's work during ingestion.

-- AlterTable
ALTER TABLE "ActivityEvent" ALTER COLUMN "raw" SET DATA TYPE TEXT USING "raw"::text;
