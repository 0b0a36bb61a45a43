ALTER TABLE `calls` ADD `phone_tail` text GENERATED ALWAYS AS (substr(phone, -4)) VIRTUAL;--> statement-breakpoint
CREATE INDEX `calls_phone_idx` ON `calls` (`phone`,`originated_at`);--> statement-breakpoint
CREATE INDEX `calls_phone_tail_idx` ON `calls` (`phone_tail`,`originated_at`);--> statement-breakpoint
CREATE INDEX `calls_originated_idx` ON `calls` (`originated_at`);