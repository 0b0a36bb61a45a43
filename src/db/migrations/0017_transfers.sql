CREATE TABLE `call_handlers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`call_id` text NOT NULL,
	`agent_id` integer,
	`extension` text,
	`via` text NOT NULL,
	`transfer_id` text,
	`from_at` integer NOT NULL,
	`to_at` integer
);
--> statement-breakpoint
CREATE INDEX `call_handlers_call_idx` ON `call_handlers` (`call_id`,`from_at`);--> statement-breakpoint
CREATE INDEX `call_handlers_agent_idx` ON `call_handlers` (`agent_id`,`from_at`);--> statement-breakpoint
CREATE TABLE `transfers` (
	`id` text PRIMARY KEY NOT NULL,
	`call_id` text NOT NULL,
	`mode` text NOT NULL,
	`from_agent_id` integer NOT NULL,
	`target_kind` text NOT NULL,
	`target_agent_id` integer,
	`target_extension` text,
	`started_at` integer NOT NULL,
	`answered_at` integer,
	`conferenced_at` integer,
	`ended_at` integer,
	`outcome` text,
	`reason` text
);
--> statement-breakpoint
CREATE INDEX `transfers_call_idx` ON `transfers` (`call_id`,`started_at`);