ALTER TABLE "vocabulary_states" ADD COLUMN "first_reviewed_at" timestamp with time zone;--> statement-breakpoint
-- Cards reviewed once were first seen when last reviewed; older ones long ago (they count for no day).
UPDATE "vocabulary_states" SET "first_reviewed_at" = "last_reviewed_at" WHERE "reviews" = 1;
