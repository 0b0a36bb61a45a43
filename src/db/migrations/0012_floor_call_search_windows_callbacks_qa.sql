ALTER TABLE `callbacks` ADD `expires_at` integer;--> statement-breakpoint
ALTER TABLE `callbacks` ADD `attempts` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `callbacks` ADD `closed_reason` text;--> statement-breakpoint
ALTER TABLE `calls` ADD `phone_tail` text GENERATED ALWAYS AS (substr(phone, -4)) VIRTUAL;--> statement-breakpoint
CREATE INDEX `calls_phone_idx` ON `calls` (`phone`,`originated_at`);--> statement-breakpoint
CREATE INDEX `calls_phone_tail_idx` ON `calls` (`phone_tail`,`originated_at`);--> statement-breakpoint
CREATE INDEX `calls_originated_idx` ON `calls` (`originated_at`);--> statement-breakpoint
ALTER TABLE `campaigns` ADD `window_intervals` text;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `window_dates_off` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `qa_campaign_settings` ADD `floors` text;--> statement-breakpoint
ALTER TABLE `qa_plan_items` ADD `origin` text DEFAULT 'sample' NOT NULL;--> statement-breakpoint
ALTER TABLE `qa_plan_items` ADD `pull_reason` text;--> statement-breakpoint
ALTER TABLE `qa_plan_items` ADD `pulled_by` integer REFERENCES users(id);