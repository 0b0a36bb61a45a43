CREATE TABLE `monitor_sessions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`call_id` text NOT NULL,
	`user_id` integer NOT NULL,
	`group_id` integer,
	`mode` text NOT NULL,
	`agent_id` integer,
	`started_at` integer NOT NULL,
	`ended_at` integer,
	`end_reason` text,
	FOREIGN KEY (`call_id`) REFERENCES `calls`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `monitor_sessions_call_idx` ON `monitor_sessions` (`call_id`,`id`);--> statement-breakpoint
CREATE INDEX `monitor_sessions_user_idx` ON `monitor_sessions` (`user_id`,`started_at`);--> statement-breakpoint
CREATE TABLE `supervisor_phones` (
	`user_id` integer PRIMARY KEY NOT NULL,
	`extension` text NOT NULL,
	`endpoint` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `supervisor_phones_extension_unique` ON `supervisor_phones` (`extension`);