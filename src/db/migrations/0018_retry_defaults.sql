PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_campaigns` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`dial_mode` text DEFAULT 'progressive' NOT NULL,
	`opening_media` text NOT NULL,
	`caller_id` text DEFAULT '' NOT NULL,
	`ring_timeout_sec` integer DEFAULT 25 NOT NULL,
	`dial_endpoint_template` text,
	`default_region` text DEFAULT 'CN' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`product_code` text,
	`product_name` text,
	`product_price_minor` integer,
	`product_currency` text DEFAULT 'CNY' NOT NULL,
	`product_billing_period` text,
	`product_free_trial_days` integer DEFAULT 0 NOT NULL,
	`product_after_trial` text,
	`product_cancel_how` text,
	`closing_media` text,
	`refusal_closing_media` text,
	`safe_harbour_media` text,
	`window_days` text DEFAULT '[1,2,3,4,5,6,7]' NOT NULL,
	`window_start` text DEFAULT '09:00' NOT NULL,
	`window_end` text DEFAULT '20:00' NOT NULL,
	`window_intervals` text,
	`window_dates_off` text DEFAULT '[]' NOT NULL,
	`time_zone` text DEFAULT 'Asia/Shanghai' NOT NULL,
	`max_attempts` integer DEFAULT 3 NOT NULL,
	`retry_delays_sec` text DEFAULT '{"busy":900,"no-answer":3600,"rejected":86400,"congestion":900,"failed":1800,"abandoned":3600}' NOT NULL,
	`abandon_cap` real DEFAULT 0.03 NOT NULL,
	`refusal_limit` integer DEFAULT 3 NOT NULL,
	`opening_text` text DEFAULT '您好,打扰您了,我是{公司}的客服代表,请问您是{号码}的机主吗?' NOT NULL,
	`script_text` text DEFAULT '确认机主身份后介绍产品:名称、资费、计费周期、免费期及到期后的收费方式、退订方式。
客户同意后,点击"开始核实",由系统播放完整资费并由客户按键确认。
结束语:感谢您接听电话,祝您身体健康,生活愉快,再见!
客户拒绝后的结束语:很抱歉,打扰您了,祝您身体健康,再见!' NOT NULL,
	`wrap_up_sec` integer,
	`disposition_required` integer,
	`required_qualification` text,
	`language` text DEFAULT 'zh' NOT NULL,
	`company_name` text DEFAULT '' NOT NULL
);
--> statement-breakpoint
INSERT INTO `__new_campaigns`("id", "name", "status", "dial_mode", "opening_media", "caller_id", "ring_timeout_sec", "dial_endpoint_template", "default_region", "created_at", "updated_at", "product_code", "product_name", "product_price_minor", "product_currency", "product_billing_period", "product_free_trial_days", "product_after_trial", "product_cancel_how", "closing_media", "refusal_closing_media", "safe_harbour_media", "window_days", "window_start", "window_end", "window_intervals", "window_dates_off", "time_zone", "max_attempts", "retry_delays_sec", "abandon_cap", "refusal_limit", "opening_text", "script_text", "wrap_up_sec", "disposition_required", "required_qualification", "language", "company_name") SELECT "id", "name", "status", "dial_mode", "opening_media", "caller_id", "ring_timeout_sec", "dial_endpoint_template", "default_region", "created_at", "updated_at", "product_code", "product_name", "product_price_minor", "product_currency", "product_billing_period", "product_free_trial_days", "product_after_trial", "product_cancel_how", "closing_media", "refusal_closing_media", "safe_harbour_media", "window_days", "window_start", "window_end", "window_intervals", "window_dates_off", "time_zone", "max_attempts", "retry_delays_sec", "abandon_cap", "refusal_limit", "opening_text", "script_text", "wrap_up_sec", "disposition_required", "required_qualification", "language", "company_name" FROM `campaigns`;--> statement-breakpoint
DROP TABLE `campaigns`;--> statement-breakpoint
ALTER TABLE `__new_campaigns` RENAME TO `campaigns`;--> statement-breakpoint
PRAGMA foreign_keys=ON;