ALTER TABLE `campaigns` ADD `opening_text` text DEFAULT '您好,打扰您了,我是XX公司的客服代表,请问您是XXXXXXXXXX的机主吗?' NOT NULL;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `script_text` text DEFAULT '确认机主身份后介绍产品:名称、资费、计费周期、免费期及到期后的收费方式、退订方式。
客户同意后,点击"开始核实",由系统播放完整资费并由客户按键确认。
结束语:感谢您接听电话,祝您身体健康,生活愉快,再见!
客户拒绝后的结束语:很抱歉,打扰您了,祝您身体健康,再见!' NOT NULL;