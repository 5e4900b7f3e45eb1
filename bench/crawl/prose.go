package main

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Distinct prose: every sentence is put together from a template and
// slot words drawn with the page's generator, with figures in it, so no
// two pages carry the same text and their shingle sets barely overlap,
// as on a real news site. The vocabulary is a few hundred words, so the
// text still compresses like prose, not like random bytes.

// enSentence returns one English news sentence.
func enSentence(rng *rand.Rand) string {
	switch rng.IntN(6) {
	case 0:
		return fmt.Sprintf("%s %s %s %s, %s said on %s.", pick(rng, enActors), pick(rng, enVerbs), pick(rng, enObjects),
			pick(rng, enModifiers), pick(rng, enSources), pick(rng, enDays))
	case 1:
		return fmt.Sprintf("%s rose %d.%d percent in %s from a year earlier, %s %s.", pick(rng, enMeasures), rng.IntN(12), rng.IntN(10),
			pick(rng, enPlaces), pick(rng, enAccording), pick(rng, enSources))
	case 2:
		return fmt.Sprintf("In %s, %s %s %s after %s.", pick(rng, enPlaces), lower(pick(rng, enActors)), pick(rng, enVerbs),
			pick(rng, enObjects), pick(rng, enEvents))
	case 3:
		return fmt.Sprintf("%s told reporters that %s would %s %s by %d.", pick(rng, enSources), lower(pick(rng, enActors)),
			pick(rng, enPlans), pick(rng, enObjects), 2025+rng.IntN(8))
	case 4:
		return fmt.Sprintf("About %d %s in %s %s, %s.", 10+rng.IntN(990), pick(rng, enGroups), pick(rng, enPlaces),
			pick(rng, enReactions), pick(rng, enCaveats))
	default:
		return fmt.Sprintf("%s %s, %s %s %s.", pick(rng, enEvents2), pick(rng, enMeasures2), lower(pick(rng, enActors)),
			pick(rng, enVerbs), pick(rng, enObjects))
	}
}

// zhSentence returns one Chinese news sentence.
func zhSentence(rng *rand.Rand) string {
	switch rng.IntN(6) {
	case 0:
		return fmt.Sprintf("%d月%d日，%s%s%s%s。", 1+rng.IntN(12), 1+rng.IntN(28), pick(rng, zhPlaces), pick(rng, zhActors),
			pick(rng, zhVerbs), pick(rng, zhObjects))
	case 1:
		return fmt.Sprintf("数据显示，%s%s同比增长%d.%d%%，%s。", pick(rng, zhPlaces), pick(rng, zhMeasures), rng.IntN(12), rng.IntN(10),
			pick(rng, zhComments))
	case 2:
		return fmt.Sprintf("%s表示，%s将%s%s，%s。", pick(rng, zhSources), pick(rng, zhActors), pick(rng, zhPlans),
			pick(rng, zhObjects), pick(rng, zhGoals))
	case 3:
		return fmt.Sprintf("截至%d年底，%s已%s%d个%s，%s。", 2020+rng.IntN(6), pick(rng, zhPlaces), pick(rng, zhDone),
			10+rng.IntN(990), pick(rng, zhUnits), pick(rng, zhComments))
	case 4:
		return fmt.Sprintf("%s，%s%s%s。", pick(rng, zhOpeners), pick(rng, zhActors), pick(rng, zhVerbs), pick(rng, zhObjects))
	default:
		return fmt.Sprintf("来自%s的%d余名%s参加了%s，%s。", pick(rng, zhPlaces), 20+rng.IntN(480), pick(rng, zhGroups),
			pick(rng, zhEvents), pick(rng, zhGoals))
	}
}

func lower(s string) string {
	if strings.HasPrefix(s, "The ") {
		return "the " + s[4:]
	}
	return s
}

var enActors = []string{"The ministry", "The provincial government", "The central bank", "The city council", "The statistics bureau",
	"The regulator", "The trade commission", "The health authority", "The port operator", "The planning agency",
	"The energy board", "The education department", "The housing office", "The transport authority", "The audit office",
	"Local officials", "Industry groups", "The state grid company", "The customs administration", "The water resources office"}

var enVerbs = []string{"unveiled", "approved", "expanded", "postponed", "revised", "announced", "tightened", "eased",
	"launched", "reviewed", "extended", "suspended", "finalised", "proposed", "published", "outlined"}

var enObjects = []string{"a subsidy scheme for small farms", "new rules on data export", "the budget for rural schools",
	"a pilot programme for electric buses", "emission limits for coal plants", "a fund for flood defences",
	"guidelines on overtime pay", "the timetable for the new rail line", "tax relief for start-ups",
	"inspections of food suppliers", "a plan to cut waiting times at hospitals", "support for exporters hit by tariffs",
	"the licensing of ride-hailing drivers", "a review of land use in the delta", "targets for solar capacity",
	"a programme to retrain factory workers", "new standards for school meals", "limits on short-term rentals",
	"a loan facility for housing developers", "the reform of pension accounts"}

var enModifiers = []string{"ahead of schedule", "for the second time this year", "after a long consultation",
	"despite objections from business groups", "in three northern provinces", "with immediate effect",
	"on a trial basis", "at a lower cost than planned", "in response to public complaints", "as part of a wider package"}

var enSources = []string{"A spokesperson", "The deputy minister", "A senior official", "The agency's director",
	"An economist at a state think tank", "The committee chair", "A government adviser", "The mayor"}

var enDays = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}

var enMeasures = []string{"Retail sales", "Industrial output", "Fixed-asset investment", "Household income",
	"Grain production", "Exports of machinery", "Tourist arrivals", "Electricity consumption", "Rail freight",
	"Software revenue", "New business registrations", "Average wages"}

var enPlaces = []string{"the first quarter", "the first half", "the eastern region", "the coastal provinces", "the capital",
	"the western provinces", "rural counties", "the border areas", "the port cities", "the northeast"}

var enAccording = []string{"according to figures released by", "in data published by", "as reported by", "according to"}

var enEvents = []string{"a week of heavy rain", "the annual budget session", "a series of public hearings",
	"a sharp rise in prices", "months of negotiation", "a safety audit", "the failure of a pilot scheme",
	"an inspection tour", "complaints from residents", "a court ruling"}

var enPlans = []string{"complete", "double", "phase out", "extend", "simplify", "fund", "review", "publish"}

var enGroups = []string{"households", "companies", "schools", "villages", "hospitals", "cooperatives", "factories", "clinics"}

var enReactions = []string{"have signed up so far", "applied in the first month", "are still waiting for payments",
	"reported lower costs", "joined the scheme", "received inspections"}

var enCaveats = []string{"officials said", "though the figure is disputed", "according to the latest survey",
	"far fewer than expected", "well ahead of the target", "a quarter more than last year"}

var enEvents2 = []string{"Since the scheme began", "Over the past decade", "In the months that followed",
	"Before the rules took effect", "During the pilot phase", "Once the funds arrive"}

var enMeasures2 = []string{"costs have fallen", "demand has doubled", "delays have grown", "prices have steadied",
	"complaints have eased", "output has recovered"}

var zhPlaces = []string{"北京市", "上海市", "广东省", "浙江省", "江苏省", "四川省", "湖北省", "山东省", "河南省", "福建省",
	"安徽省", "湖南省", "陕西省", "云南省", "贵州省", "甘肃省", "辽宁省", "吉林省", "海南省", "重庆市"}

var zhActors = []string{"发展改革委", "生态环境厅", "教育厅", "商务厅", "统计局", "交通运输厅", "卫生健康委", "农业农村厅",
	"住房城乡建设厅", "工业和信息化厅", "文化和旅游厅", "市场监管局", "人力资源社会保障厅", "水利厅", "财政厅"}

var zhVerbs = []string{"印发了", "召开了", "部署开展", "正式启动", "研究制定", "公布了", "全面推进", "组织实施",
	"修订完善", "集中发布", "深入开展", "加快推进"}

var zhObjects = []string{"农村公路建设三年行动计划", "中小企业纾困专项措施", "职业技能提升培训工程", "城市更新试点工作方案",
	"重点行业节能降碳改造方案", "义务教育优质均衡发展规划", "基层医疗卫生服务能力提升行动", "外贸稳规模优结构若干措施",
	"高标准农田建设实施意见", "数字政府建设工作要点", "老旧小区改造年度计划", "河湖生态保护修复专项行动",
	"新能源汽车推广应用政策", "文旅消费季系列活动", "食品安全专项整治行动", "就业创业扶持办法"}

var zhMeasures = []string{"社会消费品零售总额", "规模以上工业增加值", "固定资产投资", "居民人均可支配收入", "进出口总值",
	"粮食总产量", "旅游收入", "全社会用电量", "货物运输量", "软件业务收入", "新登记市场主体", "城镇新增就业"}

var zhComments = []string{"增速比上年同期加快", "整体呈现稳中有进态势", "高于全国平均水平", "主要指标好于预期",
	"部分行业仍面临较大压力", "结构调整取得积极进展", "新动能持续增强", "区域发展更加协调"}

var zhSources = []string{"有关负责人", "新闻发言人", "相关专家", "该局副局长", "课题组负责人", "调研组成员"}

var zhPlans = []string{"进一步完善", "加快落实", "持续推进", "统筹安排", "全面推广", "逐步扩大"}

var zhGoals = []string{"确保各项任务按期完成", "切实减轻企业负担", "不断提升群众获得感", "推动高质量发展",
	"守住安全发展底线", "形成可复制可推广的经验", "加强事中事后监管", "促进城乡融合发展"}

var zhDone = []string{"建成", "改造", "培育", "认定", "完成验收", "投入使用"}

var zhUnits = []string{"示范项目", "重点园区", "服务中心", "试点村镇", "标准化厂房", "公共实训基地", "养老服务站"}

var zhOpeners = []string{"今年以来", "近年来", "下一步", "会议强调", "据了解", "与此同时", "在此基础上", "记者从会上获悉"}

var zhGroups = []string{"企业代表", "专家学者", "基层干部", "人大代表", "行业协会负责人", "高校师生"}

var zhEvents = []string{"开幕式", "专题研讨会", "成果发布会", "对接洽谈会", "培训班", "现场观摩会"}
