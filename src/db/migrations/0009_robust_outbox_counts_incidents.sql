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
--> statement-breakpoint
-- Contact counts per campaign and status, kept as rows change (issue 15): listing campaigns
-- and the live figures read these few rows instead of counting a million contacts.
INSERT INTO `campaign_contact_counts` (`campaign_id`, `status`, `n`)
  SELECT `campaign_id`, `status`, count(*) FROM `contacts` GROUP BY `campaign_id`, `status`;
--> statement-breakpoint
CREATE TRIGGER `contacts_count_insert` AFTER INSERT ON `contacts`
BEGIN
  INSERT OR IGNORE INTO `campaign_contact_counts` (`campaign_id`, `status`, `n`) VALUES (NEW.`campaign_id`, NEW.`status`, 0);
  UPDATE `campaign_contact_counts` SET `n` = `n` + 1 WHERE `campaign_id` = NEW.`campaign_id` AND `status` = NEW.`status`;
END;
--> statement-breakpoint
CREATE TRIGGER `contacts_count_delete` AFTER DELETE ON `contacts`
BEGIN
  UPDATE `campaign_contact_counts` SET `n` = `n` - 1 WHERE `campaign_id` = OLD.`campaign_id` AND `status` = OLD.`status`;
END;
--> statement-breakpoint
CREATE TRIGGER `contacts_count_update` AFTER UPDATE OF `status`, `campaign_id` ON `contacts`
WHEN OLD.`status` IS NOT NEW.`status` OR OLD.`campaign_id` IS NOT NEW.`campaign_id`
BEGIN
  UPDATE `campaign_contact_counts` SET `n` = `n` - 1 WHERE `campaign_id` = OLD.`campaign_id` AND `status` = OLD.`status`;
  INSERT OR IGNORE INTO `campaign_contact_counts` (`campaign_id`, `status`, `n`) VALUES (NEW.`campaign_id`, NEW.`status`, 0);
  UPDATE `campaign_contact_counts` SET `n` = `n` + 1 WHERE `campaign_id` = NEW.`campaign_id` AND `status` = NEW.`status`;
END;