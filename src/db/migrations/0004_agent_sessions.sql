CREATE TABLE `agent_sessions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`agent_id` integer NOT NULL,
	`via` text NOT NULL,
	`channel_id` text NOT NULL,
	`started_at` integer NOT NULL,
	`ended_at` integer,
	`end_reason` text,
	FOREIGN KEY (`agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `agent_sessions_agent_idx` ON `agent_sessions` (`agent_id`,`started_at`);--> statement-breakpoint
CREATE INDEX `agent_sessions_open_idx` ON `agent_sessions` (`ended_at`);--> statement-breakpoint
CREATE TABLE `agent_state_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`session_id` integer NOT NULL,
	`agent_id` integer NOT NULL,
	`state` text NOT NULL,
	`reason` text,
	`call_id` text,
	`at` integer NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `agent_sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `agent_state_log_session_idx` ON `agent_state_log` (`session_id`,`at`);--> statement-breakpoint
CREATE INDEX `agent_state_log_agent_idx` ON `agent_state_log` (`agent_id`,`at`);--> statement-breakpoint
CREATE TABLE `pause_codes` (
	`code` text PRIMARY KEY NOT NULL,
	`label` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `teams` (
	`name` text PRIMARY KEY NOT NULL,
	`daily_target_sec` integer,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `agents` ADD `endpoint` text;