ALTER TABLE `callbacks` ADD `expires_at` integer;--> statement-breakpoint
ALTER TABLE `callbacks` ADD `attempts` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `callbacks` ADD `closed_reason` text;