CREATE TABLE `agent_qualifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`agent_id` integer NOT NULL,
	`code` text NOT NULL,
	`granted_at` integer NOT NULL,
	`expires_at` integer,
	`note` text DEFAULT '' NOT NULL,
	`granted_by` integer,
	`revoked_at` integer,
	`revoked_by` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`granted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`revoked_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `agent_qualifications_agent_idx` ON `agent_qualifications` (`agent_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `agent_qualifications_live_uq` ON `agent_qualifications` (`agent_id`,`code`) WHERE revoked_at is null;--> statement-breakpoint
CREATE TABLE `campaign_assignments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` integer NOT NULL,
	`agent_id` integer,
	`team` text,
	`priority` integer DEFAULT 5 NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `campaign_assignments_agent_uq` ON `campaign_assignments` (`campaign_id`,`agent_id`) WHERE agent_id is not null;--> statement-breakpoint
CREATE UNIQUE INDEX `campaign_assignments_team_uq` ON `campaign_assignments` (`campaign_id`,`team`) WHERE team is not null;--> statement-breakpoint
CREATE TABLE `campaign_dispositions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` integer NOT NULL,
	`code` text NOT NULL,
	`label` text NOT NULL,
	`category` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `campaign_dispositions_uq` ON `campaign_dispositions` (`campaign_id`,`code`);--> statement-breakpoint
ALTER TABLE `calls` ADD `dialed_by_agent_id` integer;--> statement-breakpoint
ALTER TABLE `calls` ADD `disposition` text;--> statement-breakpoint
ALTER TABLE `calls` ADD `disposition_category` text;--> statement-breakpoint
ALTER TABLE `calls` ADD `disposition_at` integer;--> statement-breakpoint
CREATE INDEX `calls_dialed_by_idx` ON `calls` (`dialed_by_agent_id`,`originated_at`);--> statement-breakpoint
ALTER TABLE `campaigns` ADD `wrap_up_sec` integer;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `disposition_required` integer;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `required_qualification` text;
--> statement-breakpoint
UPDATE `calls` SET `dialed_by_agent_id` = `agent_id` WHERE `agent_id` IS NOT NULL AND `campaign_id` IN (SELECT `id` FROM `campaigns` WHERE `dial_mode` = 'preview');
--> statement-breakpoint
UPDATE `calls` SET
	`disposition` = (SELECT json_extract(`detail`, '$.disposition') FROM `consent_actions` a WHERE a.`call_id` = `calls`.`id` AND a.`kind` = 'disposition' ORDER BY a.`id` DESC LIMIT 1),
	`disposition_at` = (SELECT a.`at` FROM `consent_actions` a WHERE a.`call_id` = `calls`.`id` AND a.`kind` = 'disposition' ORDER BY a.`id` DESC LIMIT 1)
WHERE `id` IN (SELECT `call_id` FROM `consent_actions` WHERE `kind` = 'disposition');
--> statement-breakpoint
UPDATE `calls` SET `disposition_category` = CASE `disposition`
	WHEN 'sale' THEN 'sale' WHEN 'declined' THEN 'refusal' WHEN 'refused' THEN 'refusal' WHEN 'not-interested' THEN 'no-interest'
	WHEN 'callback' THEN 'callback' WHEN 'wrong-person' THEN 'wrong-person' ELSE 'other' END
WHERE `disposition` IS NOT NULL;