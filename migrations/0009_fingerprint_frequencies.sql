CREATE TABLE "fingerprint_frequencies" (
	"module_id" uuid NOT NULL,
	"exercise_slug" text NOT NULL,
	"hash" integer NOT NULL,
	"submissions" integer NOT NULL,
	CONSTRAINT "fingerprint_frequencies_module_id_exercise_slug_hash_pk" PRIMARY KEY("module_id","exercise_slug","hash")
);
--> statement-breakpoint
CREATE TABLE "fingerprinted_exercises" (
	"module_id" uuid NOT NULL,
	"exercise_slug" text NOT NULL,
	"submissions" integer NOT NULL,
	CONSTRAINT "fingerprinted_exercises_module_id_exercise_slug_pk" PRIMARY KEY("module_id","exercise_slug")
);
--> statement-breakpoint
ALTER TABLE "fingerprint_frequencies" ADD CONSTRAINT "fingerprint_frequencies_module_id_modules_id_fk" FOREIGN KEY ("module_id") REFERENCES "public"."modules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fingerprinted_exercises" ADD CONSTRAINT "fingerprinted_exercises_module_id_modules_id_fk" FOREIGN KEY ("module_id") REFERENCES "public"."modules"("id") ON DELETE cascade ON UPDATE no action;