CREATE TABLE `agents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer,
	`name` text NOT NULL,
	`extension` text NOT NULL,
	`pin_hash` text,
	`team` text DEFAULT '' NOT NULL,
	`role` text DEFAULT 'agent' NOT NULL,
	`daily_target_sec` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agents_extension_unique` ON `agents` (`extension`);--> statement-breakpoint
CREATE TABLE `auth_tokens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`token_hash` text NOT NULL,
	`user_id` integer NOT NULL,
	`kind` text NOT NULL,
	`label` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer,
	`last_used_at` integer,
	`revoked_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `auth_tokens_token_hash_unique` ON `auth_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `auth_tokens_user_idx` ON `auth_tokens` (`user_id`);--> statement-breakpoint
CREATE TABLE `calls` (
	`id` text PRIMARY KEY NOT NULL,
	`campaign_id` integer NOT NULL,
	`contact_id` integer NOT NULL,
	`agent_id` integer,
	`phone` text NOT NULL,
	`endpoint` text NOT NULL,
	`channel_id` text NOT NULL,
	`bridge_id` text,
	`state` text NOT NULL,
	`originated_at` integer NOT NULL,
	`ringing_at` integer,
	`answered_at` integer,
	`recording_started_at` integer,
	`opening_started_at` integer,
	`opening_finished_at` integer,
	`agent_connected_at` integer,
	`ended_at` integer,
	`dial_status` text,
	`hangup_cause` integer,
	`hangup_cause_text` text,
	`hangup_by` text,
	`outcome` text,
	`recording_state` text,
	`recording_problem` text,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `calls_campaign_idx` ON `calls` (`campaign_id`,`originated_at`);--> statement-breakpoint
CREATE INDEX `calls_state_idx` ON `calls` (`state`);--> statement-breakpoint
CREATE INDEX `calls_agent_idx` ON `calls` (`agent_id`,`agent_connected_at`);--> statement-breakpoint
CREATE TABLE `campaigns` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`dial_mode` text DEFAULT 'progressive' NOT NULL,
	`opening_media` text NOT NULL,
	`caller_id` text DEFAULT '' NOT NULL,
	`ring_timeout_sec` integer DEFAULT 25 NOT NULL,
	`dial_endpoint_template` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `contacts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` integer NOT NULL,
	`phone` text NOT NULL,
	`fields` text DEFAULT '{}' NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer,
	`last_outcome` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contacts_campaign_phone_uq` ON `contacts` (`campaign_id`,`phone`);--> statement-breakpoint
CREATE INDEX `contacts_due_idx` ON `contacts` (`campaign_id`,`status`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `recordings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`call_id` text NOT NULL,
	`segment` integer NOT NULL,
	`ari_name` text NOT NULL,
	`path` text,
	`bytes` integer,
	`duration_ms` integer,
	`sha256` text,
	`state` text DEFAULT 'pending' NOT NULL,
	`problem` text,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	`stored_at` integer,
	FOREIGN KEY (`call_id`) REFERENCES `calls`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `recordings_ari_name_unique` ON `recordings` (`ari_name`);--> statement-breakpoint
CREATE UNIQUE INDEX `recordings_call_segment_uq` ON `recordings` (`call_id`,`segment`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`username` text NOT NULL,
	`display_name` text DEFAULT '' NOT NULL,
	`password_hash` text NOT NULL,
	`role` text NOT NULL,
	`disabled` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_username_unique` ON `users` (`username`);