ALTER TABLE `qa_plan_items` ADD `origin` text DEFAULT 'sample' NOT NULL;--> statement-breakpoint
ALTER TABLE `qa_plan_items` ADD `pull_reason` text;--> statement-breakpoint
ALTER TABLE `qa_plan_items` ADD `pulled_by` integer REFERENCES users(id);