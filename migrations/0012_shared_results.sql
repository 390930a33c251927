-- Costly reads shared by the instances for a short while (the programme's dashboard): a cache, whose
-- rows are computed again when missing.
CREATE TABLE "shared_results" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"computed_at" timestamp with time zone NOT NULL
);
