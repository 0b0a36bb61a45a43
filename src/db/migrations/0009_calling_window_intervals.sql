ALTER TABLE `campaigns` ADD `window_intervals` text;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `window_dates_off` text DEFAULT '[]' NOT NULL;