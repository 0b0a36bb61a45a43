CREATE TABLE `campaign_contact_counts` (
	`campaign_id` integer NOT NULL,
	`status` text NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `campaign_contact_counts_pk` ON `campaign_contact_counts` (`campaign_id`,`status`);--> statement-breakpoint
CREATE TABLE `incidents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`detail` text NOT NULL,
	`opened_at` integer NOT NULL,
	`closed_at` integer,
	`calls` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `incidents_open_idx` ON `incidents` (`closed_at`,`kind`);--> statement-breakpoint
ALTER TABLE `notification_outbox` ADD `due_at` integer;--> statement-breakpoint
ALTER TABLE `notification_outbox` ADD `claimed_until` integer;--> statement-breakpoint
CREATE INDEX `notification_outbox_status_due_idx` ON `notification_outbox` (`status`,`due_at`);