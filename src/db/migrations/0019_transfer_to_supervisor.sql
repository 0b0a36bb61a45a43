ALTER TABLE `call_handlers` ADD `user_id` integer;--> statement-breakpoint
ALTER TABLE `transfers` ADD `target_user_id` integer;