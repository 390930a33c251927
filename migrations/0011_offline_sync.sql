ALTER TABLE "users" ADD COLUMN "last_synced_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "submissions" ADD COLUMN "client_created_at" timestamp with time zone;