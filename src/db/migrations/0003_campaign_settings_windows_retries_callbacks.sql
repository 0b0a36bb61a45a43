CREATE TABLE `callbacks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` integer NOT NULL,
	`contact_id` integer NOT NULL,
	`agent_id` integer,
	`due_at` integer NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'scheduled' NOT NULL,
	`from_call_id` text,
	`call_id` text,
	`created_by_user_id` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`from_call_id`) REFERENCES `calls`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`call_id`) REFERENCES `calls`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `callbacks_due_idx` ON `callbacks` (`status`,`due_at`);--> statement-breakpoint
CREATE INDEX `callbacks_agent_idx` ON `callbacks` (`agent_id`,`status`);--> statement-breakpoint
CREATE INDEX `callbacks_contact_idx` ON `callbacks` (`contact_id`);--> statement-breakpoint
ALTER TABLE `campaigns` ADD `product_code` text;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `product_name` text;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `product_price_minor` integer;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `product_currency` text DEFAULT 'CNY' NOT NULL;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `product_billing_period` text;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `product_free_trial_days` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `product_after_trial` text;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `product_cancel_how` text;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `closing_media` text;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `refusal_closing_media` text;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `safe_harbour_media` text;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `window_days` text DEFAULT '[1,2,3,4,5,6,7]' NOT NULL;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `window_start` text DEFAULT '09:00' NOT NULL;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `window_end` text DEFAULT '20:00' NOT NULL;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `time_zone` text DEFAULT 'Asia/Shanghai' NOT NULL;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `max_attempts` integer DEFAULT 3 NOT NULL;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `retry_delays_sec` text DEFAULT '{"busy":600,"no-answer":3600,"rejected":86400,"congestion":300,"failed":1800,"abandoned":3600}' NOT NULL;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `abandon_cap` real DEFAULT 0.03 NOT NULL;--> statement-breakpoint
ALTER TABLE `contacts` ADD `region` text;--> statement-breakpoint
ALTER TABLE `contacts` ADD `held_by_agent_id` integer;--> statement-breakpoint
ALTER TABLE `contacts` ADD `held_at` integer;--> statement-breakpoint
ALTER TABLE `contacts` ADD `finished_at` integer;--> statement-breakpoint
CREATE INDEX `contacts_region_idx` ON `contacts` (`campaign_id`,`region`);--> statement-breakpoint
CREATE INDEX `contacts_finished_idx` ON `contacts` (`campaign_id`,`finished_at`);