-- Evidence is append-only (requirements §3, issue 4): no UPDATE or DELETE, ever.
CREATE TRIGGER `consent_actions_no_update` BEFORE UPDATE ON `consent_actions`
BEGIN
  SELECT RAISE(ABORT, 'consent_actions is append-only: UPDATE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `consent_actions_no_delete` BEFORE DELETE ON `consent_actions`
BEGIN
  SELECT RAISE(ABORT, 'consent_actions is append-only: DELETE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `verifications_no_update` BEFORE UPDATE ON `verifications`
BEGIN
  SELECT RAISE(ABORT, 'verifications is append-only: UPDATE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `verifications_no_delete` BEFORE DELETE ON `verifications`
BEGIN
  SELECT RAISE(ABORT, 'verifications is append-only: DELETE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `subscriptions_no_update` BEFORE UPDATE ON `subscriptions`
BEGIN
  SELECT RAISE(ABORT, 'subscriptions is append-only: UPDATE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `subscriptions_no_delete` BEFORE DELETE ON `subscriptions`
BEGIN
  SELECT RAISE(ABORT, 'subscriptions is append-only: DELETE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `subscription_events_no_update` BEFORE UPDATE ON `subscription_events`
BEGIN
  SELECT RAISE(ABORT, 'subscription_events is append-only: UPDATE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `subscription_events_no_delete` BEFORE DELETE ON `subscription_events`
BEGIN
  SELECT RAISE(ABORT, 'subscription_events is append-only: DELETE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `commission_entries_no_update` BEFORE UPDATE ON `commission_entries`
BEGIN
  SELECT RAISE(ABORT, 'commission_entries is append-only: UPDATE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `commission_entries_no_delete` BEFORE DELETE ON `commission_entries`
BEGIN
  SELECT RAISE(ABORT, 'commission_entries is append-only: DELETE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `subscription_audit_no_update` BEFORE UPDATE ON `subscription_audit`
BEGIN
  SELECT RAISE(ABORT, 'subscription_audit is append-only: UPDATE refused');
END;
--> statement-breakpoint
CREATE TRIGGER `subscription_audit_no_delete` BEFORE DELETE ON `subscription_audit`
BEGIN
  SELECT RAISE(ABORT, 'subscription_audit is append-only: DELETE refused');
END;
