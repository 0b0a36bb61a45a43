ALTER TABLE `recordings` ADD `start_failed` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `recordings` ADD `reported_duration_sec` integer;