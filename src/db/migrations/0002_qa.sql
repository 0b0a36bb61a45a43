CREATE TABLE `qa_audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`user_id` integer,
	`username` text NOT NULL,
	`action` text NOT NULL,
	`call_id` text,
	`detail` text DEFAULT '{}' NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `qa_audit_call_idx` ON `qa_audit_log` (`call_id`,`at`);--> statement-breakpoint
CREATE INDEX `qa_audit_at_idx` ON `qa_audit_log` (`at`);--> statement-breakpoint
CREATE TABLE `qa_campaign_settings` (
	`campaign_id` integer PRIMARY KEY NOT NULL,
	`confidence` real DEFAULT 0.95 NOT NULL,
	`margin` real DEFAULT 0.05 NOT NULL,
	`p_source` text DEFAULT 'default' NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` integer,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `qa_claims` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`call_id` text NOT NULL,
	`reviewer_id` integer NOT NULL,
	`token` text NOT NULL,
	`claimed_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`ended_at` integer,
	`end_reason` text,
	FOREIGN KEY (`call_id`) REFERENCES `qa_plan_items`(`call_id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `qa_claims_call_idx` ON `qa_claims` (`call_id`);--> statement-breakpoint
CREATE INDEX `qa_claims_reviewer_idx` ON `qa_claims` (`reviewer_id`,`ended_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `qa_claims_open_uq` ON `qa_claims` (`call_id`) WHERE ended_at is null;--> statement-breakpoint
CREATE TABLE `qa_cycles` (
	`campaign_id` integer NOT NULL,
	`label` text NOT NULL,
	`start_at` integer NOT NULL,
	`end_at` integer NOT NULL,
	`seed` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `qa_cycles_campaign_label_uq` ON `qa_cycles` (`campaign_id`,`label`);--> statement-breakpoint
CREATE TABLE `qa_daily_reports` (
	`date` text PRIMARY KEY NOT NULL,
	`published_at` integer NOT NULL,
	`published_by` integer,
	FOREIGN KEY (`published_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `qa_disputes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`score_id` integer NOT NULL,
	`call_id` text NOT NULL,
	`agent_id` integer NOT NULL,
	`raised_by` integer NOT NULL,
	`raised_at` integer NOT NULL,
	`reason` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`resolved_at` integer,
	`resolved_by` integer,
	`resolution` text,
	`new_score_id` integer,
	FOREIGN KEY (`score_id`) REFERENCES `qa_scores`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`raised_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resolved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `qa_disputes_score_id_unique` ON `qa_disputes` (`score_id`);--> statement-breakpoint
CREATE INDEX `qa_disputes_agent_idx` ON `qa_disputes` (`agent_id`);--> statement-breakpoint
CREATE INDEX `qa_disputes_status_idx` ON `qa_disputes` (`status`);--> statement-breakpoint
CREATE TABLE `qa_plan_items` (
	`call_id` text PRIMARY KEY NOT NULL,
	`run_id` integer NOT NULL,
	`campaign_id` integer NOT NULL,
	`cycle_label` text NOT NULL,
	`agent_id` integer NOT NULL,
	`reasons` text NOT NULL,
	`weight` real NOT NULL,
	`is_sale` integer NOT NULL,
	`duration_sec` integer NOT NULL,
	`answered_at` integer NOT NULL,
	`sampled_at` integer NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	FOREIGN KEY (`call_id`) REFERENCES `calls`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`run_id`) REFERENCES `qa_plan_runs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `qa_plan_items_cycle_idx` ON `qa_plan_items` (`campaign_id`,`cycle_label`);--> statement-breakpoint
CREATE INDEX `qa_plan_items_status_idx` ON `qa_plan_items` (`status`);--> statement-breakpoint
CREATE INDEX `qa_plan_items_agent_idx` ON `qa_plan_items` (`agent_id`,`sampled_at`);--> statement-breakpoint
CREATE TABLE `qa_plan_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` integer NOT NULL,
	`cycle_label` text NOT NULL,
	`seed` text NOT NULL,
	`algorithm` text NOT NULL,
	`trigger` text NOT NULL,
	`ran_by` integer,
	`ran_at` integer NOT NULL,
	`cutoff_at` integer NOT NULL,
	`population_size` integer NOT NULL,
	`target_size` integer NOT NULL,
	`already_sampled` integer NOT NULL,
	`newly_sampled` integer NOT NULL,
	`total_sampled` integer NOT NULL,
	`options` text NOT NULL,
	`summary` text NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`ran_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `qa_plan_runs_campaign_idx` ON `qa_plan_runs` (`campaign_id`,`cycle_label`);--> statement-breakpoint
CREATE TABLE `qa_reversal_requests` (
	`call_id` text PRIMARY KEY NOT NULL,
	`score_id` integer NOT NULL,
	`kinds` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`requested_at` integer NOT NULL,
	`requested_by` integer,
	`withdrawn_at` integer,
	FOREIGN KEY (`call_id`) REFERENCES `qa_plan_items`(`call_id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`score_id`) REFERENCES `qa_scores`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`requested_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `qa_rubrics` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version` integer NOT NULL,
	`name` text NOT NULL,
	`definition` text NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` integer,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `qa_rubrics_version_unique` ON `qa_rubrics` (`version`);--> statement-breakpoint
CREATE TABLE `qa_scores` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`call_id` text NOT NULL,
	`agent_id` integer NOT NULL,
	`campaign_id` integer NOT NULL,
	`rubric_id` integer NOT NULL,
	`reviewer_id` integer NOT NULL,
	`kind` text NOT NULL,
	`reviewed_at` integer NOT NULL,
	`review_date` text NOT NULL,
	`total` integer NOT NULL,
	`passed` integer NOT NULL,
	`fatal` integer NOT NULL,
	`defect` integer NOT NULL,
	`detail` text NOT NULL,
	`comment` text DEFAULT '' NOT NULL,
	`current` integer NOT NULL,
	`supersedes_id` integer,
	`dispute_id` integer,
	FOREIGN KEY (`call_id`) REFERENCES `qa_plan_items`(`call_id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`rubric_id`) REFERENCES `qa_rubrics`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `qa_scores_call_idx` ON `qa_scores` (`call_id`);--> statement-breakpoint
CREATE INDEX `qa_scores_date_idx` ON `qa_scores` (`review_date`);--> statement-breakpoint
CREATE INDEX `qa_scores_agent_idx` ON `qa_scores` (`agent_id`,`reviewed_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `qa_scores_current_uq` ON `qa_scores` (`call_id`) WHERE current = 1;