CREATE TABLE `inbound_calls` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`channel_id` text NOT NULL,
	`caller_raw` text NOT NULL,
	`caller` text,
	`dialled` text NOT NULL,
	`campaign_id` integer,
	`contact_id` integer,
	`route` text NOT NULL,
	`agent_id` integer,
	`call_id` text,
	`callback_id` integer,
	`arrived_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `inbound_calls_arrived_idx` ON `inbound_calls` (`arrived_at`);--> statement-breakpoint
CREATE INDEX `inbound_calls_call_idx` ON `inbound_calls` (`call_id`);--> statement-breakpoint
ALTER TABLE `calls` ADD `direction` text DEFAULT 'outbound' NOT NULL;