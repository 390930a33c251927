CREATE TABLE "submission_fingerprints" (
	"exercise_slug" text NOT NULL,
	"module_id" uuid NOT NULL,
	"hash" integer NOT NULL,
	"submission_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"start_line" integer NOT NULL,
	"end_line" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
DROP INDEX "reviews_flag_idx";--> statement-breakpoint
ALTER TABLE "flags" ADD COLUMN "other_submission_id" uuid;--> statement-breakpoint
ALTER TABLE "flags" ADD COLUMN "similarity" real;--> statement-breakpoint
ALTER TABLE "flags" ADD COLUMN "details" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "flags" ADD COLUMN "claimed_by" uuid;--> statement-breakpoint
ALTER TABLE "flags" ADD COLUMN "claim_expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "submission_fingerprints" ADD CONSTRAINT "submission_fingerprints_module_id_modules_id_fk" FOREIGN KEY ("module_id") REFERENCES "public"."modules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submission_fingerprints" ADD CONSTRAINT "submission_fingerprints_submission_id_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."submissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submission_fingerprints" ADD CONSTRAINT "submission_fingerprints_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "submission_fingerprints_lookup_idx" ON "submission_fingerprints" USING btree ("module_id","exercise_slug","hash");--> statement-breakpoint
CREATE INDEX "submission_fingerprints_submission_idx" ON "submission_fingerprints" USING btree ("submission_id");--> statement-breakpoint
CREATE INDEX "notifications_user_created_idx" ON "notifications" USING btree ("user_id","created_at");--> statement-breakpoint
ALTER TABLE "flags" ADD CONSTRAINT "flags_other_submission_id_submissions_id_fk" FOREIGN KEY ("other_submission_id") REFERENCES "public"."submissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flags" ADD CONSTRAINT "flags_claimed_by_users_id_fk" FOREIGN KEY ("claimed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "flags_other_submission_idx" ON "flags" USING btree ("other_submission_id");--> statement-breakpoint
CREATE UNIQUE INDEX "flags_one_appeal_idx" ON "flags" USING btree ("submission_id") WHERE source = 'appeal';--> statement-breakpoint
CREATE UNIQUE INDEX "flags_similarity_pair_idx" ON "flags" USING btree ("submission_id","other_submission_id") WHERE source = 'similarity';--> statement-breakpoint
CREATE UNIQUE INDEX "reviews_flag_idx" ON "reviews" USING btree ("flag_id");--> statement-breakpoint
-- Claims now live in claimed_by/claim_expires_at: a flag is open until a decision resolves it.
UPDATE "flags" SET "status" = 'open' WHERE "status" = 'in_review';
