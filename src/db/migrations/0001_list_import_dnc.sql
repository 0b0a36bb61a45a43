CREATE TABLE `do_not_call_campaign` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` integer NOT NULL,
	`phone` text NOT NULL,
	`source` text NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`import_id` integer,
	`call_id` text,
	`added_by` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`import_id`) REFERENCES `imports`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`added_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `do_not_call_campaign_uq` ON `do_not_call_campaign` (`campaign_id`,`phone`);--> statement-breakpoint
CREATE INDEX `do_not_call_campaign_import_idx` ON `do_not_call_campaign` (`import_id`);--> statement-breakpoint
CREATE TABLE `do_not_call_global` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`phone` text NOT NULL,
	`source` text NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`import_id` integer,
	`call_id` text,
	`added_by` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`import_id`) REFERENCES `imports`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`added_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `do_not_call_global_phone_unique` ON `do_not_call_global` (`phone`);--> statement-breakpoint
CREATE INDEX `do_not_call_global_import_idx` ON `do_not_call_global` (`import_id`);--> statement-breakpoint
CREATE TABLE `import_rejects` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`import_id` integer NOT NULL,
	`line` integer NOT NULL,
	`reason` text NOT NULL,
	`detail` text DEFAULT '' NOT NULL,
	`raw` text NOT NULL,
	FOREIGN KEY (`import_id`) REFERENCES `imports`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `import_rejects_import_idx` ON `import_rejects` (`import_id`);--> statement-breakpoint
CREATE TABLE `imports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`campaign_id` integer,
	`file_name` text NOT NULL,
	`sha256` text,
	`bytes` integer,
	`bytes_read` integer DEFAULT 0 NOT NULL,
	`phone_column_spec` text,
	`phone_column` text NOT NULL,
	`default_region` text NOT NULL,
	`encoding` text,
	`status` text NOT NULL,
	`rows_read` integer DEFAULT 0 NOT NULL,
	`accepted` integer DEFAULT 0 NOT NULL,
	`rejected` integer DEFAULT 0 NOT NULL,
	`counts` text DEFAULT '{}' NOT NULL,
	`last_line` integer DEFAULT 1 NOT NULL,
	`error` text,
	`created_by` integer,
	`runner` text DEFAULT 'service' NOT NULL,
	`started_at` integer NOT NULL,
	`heartbeat_at` integer NOT NULL,
	`finished_at` integer,
	`discarded_at` integer,
	`discarded` integer,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `imports_campaign_idx` ON `imports` (`campaign_id`,`sha256`);--> statement-breakpoint
CREATE INDEX `imports_status_idx` ON `imports` (`status`);--> statement-breakpoint
ALTER TABLE `campaigns` ADD `default_region` text DEFAULT 'CN' NOT NULL;--> statement-breakpoint
ALTER TABLE `contacts` ADD `import_id` integer REFERENCES imports(id);--> statement-breakpoint
ALTER TABLE `contacts` ADD `do_not_call_at` integer;--> statement-breakpoint
CREATE INDEX `contacts_import_idx` ON `contacts` (`import_id`);