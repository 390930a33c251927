CREATE TABLE "learner_activity_days" (
	"user_id" uuid NOT NULL,
	"day" date NOT NULL,
	"events" integer NOT NULL,
	CONSTRAINT "learner_activity_days_user_id_day_pk" PRIMARY KEY("user_id","day")
);
--> statement-breakpoint
CREATE TABLE "learner_activity_weeks" (
	"user_id" uuid NOT NULL,
	"week" date NOT NULL,
	"events" integer NOT NULL,
	CONSTRAINT "learner_activity_weeks_user_id_week_pk" PRIMARY KEY("user_id","week")
);
--> statement-breakpoint
CREATE TABLE "learner_exercise_stats" (
	"user_id" uuid NOT NULL,
	"module_id" uuid NOT NULL,
	"exercise_slug" text NOT NULL,
	"best_score" real NOT NULL,
	"max_score" real NOT NULL,
	"attempts" integer NOT NULL,
	"failed_attempts" integer NOT NULL,
	"last_attempt_at" timestamp with time zone NOT NULL,
	"best_submission_id" uuid,
	CONSTRAINT "learner_exercise_stats_user_id_module_id_exercise_slug_pk" PRIMARY KEY("user_id","module_id","exercise_slug")
);
--> statement-breakpoint
CREATE TABLE "learner_module_stats" (
	"user_id" uuid NOT NULL,
	"module_id" uuid NOT NULL,
	"exercises_attempted" integer NOT NULL,
	"exercises_passed" integer NOT NULL,
	"score_sum" real NOT NULL,
	"max_sum" real NOT NULL,
	"attempts" integer NOT NULL,
	"failed_attempts" integer NOT NULL,
	"last_attempt_at" timestamp with time zone NOT NULL,
	CONSTRAINT "learner_module_stats_user_id_module_id_pk" PRIMARY KEY("user_id","module_id")
);
--> statement-breakpoint
ALTER TABLE "learner_activity_days" ADD CONSTRAINT "learner_activity_days_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learner_activity_weeks" ADD CONSTRAINT "learner_activity_weeks_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learner_exercise_stats" ADD CONSTRAINT "learner_exercise_stats_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learner_exercise_stats" ADD CONSTRAINT "learner_exercise_stats_module_id_modules_id_fk" FOREIGN KEY ("module_id") REFERENCES "public"."modules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learner_module_stats" ADD CONSTRAINT "learner_module_stats_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learner_module_stats" ADD CONSTRAINT "learner_module_stats_module_id_modules_id_fk" FOREIGN KEY ("module_id") REFERENCES "public"."modules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "learner_activity_days_day_idx" ON "learner_activity_days" USING btree ("day","user_id");--> statement-breakpoint
CREATE INDEX "learner_activity_weeks_week_idx" ON "learner_activity_weeks" USING btree ("week","user_id");--> statement-breakpoint
CREATE INDEX "learner_exercise_stats_module_idx" ON "learner_exercise_stats" USING btree ("module_id");--> statement-breakpoint
CREATE INDEX "learner_module_stats_module_idx" ON "learner_module_stats" USING btree ("module_id");--> statement-breakpoint
CREATE INDEX "help_requests_taken_idx" ON "help_requests" USING btree ("taken_by","taken_at");--> statement-breakpoint
CREATE INDEX "help_requests_taken_at_idx" ON "help_requests" USING btree ("taken_at");--> statement-breakpoint
CREATE INDEX "live_sessions_tutor_started_idx" ON "live_sessions" USING btree ("tutor_id","started_at");--> statement-breakpoint
CREATE INDEX "tutor_messages_sender_created_idx" ON "tutor_messages" USING btree ("sender_id","created_at");--> statement-breakpoint
CREATE INDEX "tutor_messages_created_idx" ON "tutor_messages" USING btree ("created_at");--> statement-breakpoint
-- The summaries of a set of (learner, exercise) pairs, recomputed from their graded submissions:
-- per exercise slug of the module (so that a new version's exercise continues the old one), then
-- per module. Recomputing (rather than adding) keeps them right when a review changes a score.
CREATE OR REPLACE FUNCTION "tremplin_refresh_learner_stats"(p_users uuid[], p_exercises uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO "learner_exercise_stats" AS les
		("user_id", "module_id", "exercise_slug", "best_score", "max_score", "attempts", "failed_attempts", "last_attempt_at", "best_submission_id")
	WITH k AS (
		SELECT DISTINCT k.user_id, mv.module_id, e.slug
		FROM unnest(p_users, p_exercises) AS k(user_id, exercise_id)
		JOIN "exercises" e ON e.id = k.exercise_id
		JOIN "module_versions" mv ON mv.id = e.module_version_id
	)
	SELECT k.user_id, k.module_id, k.slug, max(s.score), max(s.max_score), count(*)::int,
		(count(*) FILTER (WHERE s.score < s.max_score / 2))::int,
		max(coalesce(s.graded_at, s.created_at)),
		(array_agg(s.id ORDER BY s.score DESC, s.created_at DESC))[1]
	FROM k
	JOIN "module_versions" mv ON mv.module_id = k.module_id
	JOIN "exercises" e ON e.module_version_id = mv.id AND e.slug = k.slug
	JOIN "submissions" s ON s.user_id = k.user_id AND s.exercise_id = e.id
	WHERE s.status = 'graded' AND s.score IS NOT NULL
	GROUP BY k.user_id, k.module_id, k.slug
	ON CONFLICT ("user_id", "module_id", "exercise_slug") DO UPDATE SET
		"best_score" = EXCLUDED."best_score", "max_score" = EXCLUDED."max_score",
		"attempts" = EXCLUDED."attempts", "failed_attempts" = EXCLUDED."failed_attempts",
		"last_attempt_at" = EXCLUDED."last_attempt_at", "best_submission_id" = EXCLUDED."best_submission_id";
	INSERT INTO "learner_module_stats" AS lms
		("user_id", "module_id", "exercises_attempted", "exercises_passed", "score_sum", "max_sum", "attempts", "failed_attempts", "last_attempt_at")
	SELECT les.user_id, les.module_id, count(*)::int,
		(count(*) FILTER (WHERE les.best_score >= les.max_score / 2))::int,
		sum(les.best_score), sum(les.max_score), sum(les.attempts)::int, sum(les.failed_attempts)::int,
		max(les.last_attempt_at)
	FROM "learner_exercise_stats" les
	WHERE (les.user_id, les.module_id) IN (
		SELECT k.user_id, mv.module_id
		FROM unnest(p_users, p_exercises) AS k(user_id, exercise_id)
		JOIN "exercises" e ON e.id = k.exercise_id
		JOIN "module_versions" mv ON mv.id = e.module_version_id
	)
	GROUP BY les.user_id, les.module_id
	ON CONFLICT ("user_id", "module_id") DO UPDATE SET
		"exercises_attempted" = EXCLUDED."exercises_attempted", "exercises_passed" = EXCLUDED."exercises_passed",
		"score_sum" = EXCLUDED."score_sum", "max_sum" = EXCLUDED."max_sum", "attempts" = EXCLUDED."attempts",
		"failed_attempts" = EXCLUDED."failed_attempts", "last_attempt_at" = EXCLUDED."last_attempt_at";
END;
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION "tremplin_submissions_graded_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM "tremplin_refresh_learner_stats"(array_agg(n.user_id), array_agg(n.exercise_id))
	FROM new_rows n WHERE n.status = 'graded' HAVING count(*) > 0;
	RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION "tremplin_submissions_graded_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM "tremplin_refresh_learner_stats"(array_agg(n.user_id), array_agg(n.exercise_id))
	FROM new_rows n JOIN old_rows o ON o.id = n.id
	WHERE (n.status = 'graded' OR o.status = 'graded')
		AND (n.status, n.score) IS DISTINCT FROM (o.status, o.score)
	HAVING count(*) > 0;
	RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "submissions_stats_insert" AFTER INSERT ON "submissions"
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "tremplin_submissions_graded_insert"();--> statement-breakpoint
CREATE TRIGGER "submissions_stats_update" AFTER UPDATE ON "submissions"
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "tremplin_submissions_graded_update"();--> statement-breakpoint
-- A learner's days of activity (Lomé time is UTC+0): one statement-level trigger per table that
-- counts what was done, so that a bulk insert adds one row per learner and day, not per event.
CREATE OR REPLACE FUNCTION "tremplin_count_activity"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO "learner_activity_days" AS d ("user_id", "day", "events")
	SELECT n.user_id, (n.created_at AT TIME ZONE 'Africa/Lome')::date, count(*)::int
	FROM new_rows n GROUP BY 1, 2
	ON CONFLICT ("user_id", "day") DO UPDATE SET "events" = d."events" + EXCLUDED."events";
	INSERT INTO "learner_activity_weeks" AS w ("user_id", "week", "events")
	SELECT n.user_id, date_trunc('week', n.created_at AT TIME ZONE 'Africa/Lome')::date, count(*)::int
	FROM new_rows n GROUP BY 1, 2
	ON CONFLICT ("user_id", "week") DO UPDATE SET "events" = w."events" + EXCLUDED."events";
	RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "activity_log_days" AFTER INSERT ON "activity_log"
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "tremplin_count_activity"();--> statement-breakpoint
CREATE TRIGGER "submissions_days" AFTER INSERT ON "submissions"
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "tremplin_count_activity"();--> statement-breakpoint
CREATE TRIGGER "runs_days" AFTER INSERT ON "runs"
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "tremplin_count_activity"();--> statement-breakpoint
-- Rebuilds every summary from the source tables: the backfill below, and a bulk load that ran
-- with the triggers off (db:seed:programme).
CREATE OR REPLACE FUNCTION "tremplin_rebuild_dashboards"() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM "learner_exercise_stats";
	DELETE FROM "learner_module_stats";
	DELETE FROM "learner_activity_days";
	DELETE FROM "learner_activity_weeks";
	INSERT INTO "learner_exercise_stats"
		("user_id", "module_id", "exercise_slug", "best_score", "max_score", "attempts", "failed_attempts", "last_attempt_at", "best_submission_id")
	SELECT s.user_id, mv.module_id, e.slug, max(s.score), max(s.max_score), count(*)::int,
		(count(*) FILTER (WHERE s.score < s.max_score / 2))::int,
		max(coalesce(s.graded_at, s.created_at)),
		(array_agg(s.id ORDER BY s.score DESC, s.created_at DESC))[1]
	FROM "submissions" s
	JOIN "exercises" e ON e.id = s.exercise_id
	JOIN "module_versions" mv ON mv.id = e.module_version_id
	WHERE s.status = 'graded' AND s.score IS NOT NULL
	GROUP BY s.user_id, mv.module_id, e.slug;
	INSERT INTO "learner_module_stats"
		("user_id", "module_id", "exercises_attempted", "exercises_passed", "score_sum", "max_sum", "attempts", "failed_attempts", "last_attempt_at")
	SELECT user_id, module_id, count(*)::int, (count(*) FILTER (WHERE best_score >= max_score / 2))::int,
		sum(best_score), sum(max_score), sum(attempts)::int, sum(failed_attempts)::int, max(last_attempt_at)
	FROM "learner_exercise_stats" GROUP BY user_id, module_id;
	INSERT INTO "learner_activity_days" ("user_id", "day", "events")
	SELECT user_id, day, count(*)::int FROM (
		SELECT user_id, (created_at AT TIME ZONE 'Africa/Lome')::date AS day FROM "activity_log"
		UNION ALL SELECT user_id, (created_at AT TIME ZONE 'Africa/Lome')::date FROM "submissions"
		UNION ALL SELECT user_id, (created_at AT TIME ZONE 'Africa/Lome')::date FROM "runs"
	) a GROUP BY user_id, day;
	INSERT INTO "learner_activity_weeks" ("user_id", "week", "events")
	SELECT user_id, date_trunc('week', day::timestamp)::date, sum(events)::int FROM "learner_activity_days" GROUP BY 1, 2;
END;
$$;--> statement-breakpoint
SELECT "tremplin_rebuild_dashboards"();
