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
