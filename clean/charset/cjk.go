package charset

import (
	"sync"
	"unicode"

	"golang.org/x/text/encoding/htmlindex"
)

// cjkNames are the multi-byte encodings the scorer compares, in the order
// that breaks exact ties (Chinese first: this archive's pages mostly are).
var cjkNames = []string{"gb18030", "big5", "euc-jp", "shift_jis", "euc-kr"}

// isCJK reports whether name is a CJK multi-byte encoding.
func isCJK(name string) bool {
	for _, n := range cjkNames {
		if n == name {
			return true
		}
	}
	return name == "iso-2022-jp"
}

// Most frequent characters of modern running text. Membership, not rank,
// is what the scorer uses; the lists are short on purpose.
const (
	topHanzi      = "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从想实日军者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将两高间由问很最重并物手应战向头文体政美相见被利什二等产或新己制身果加西斯月话合回特代内信表化老给世位次度门任常先海通教儿原东声提立及比员解水名真论处走义各入几口认条平系气题活尔更别打女变四神总何电数安少报才结反受目太量再感建务做接必场件计管期市直德资命山金指克许统区保至队形社便空决治展马科司五基眼书非则听白却界达光放强即像难且权思王象完设式色路记南品住告类求据程北边死张该交规万取拉格望觉术领共确传师观清今切院让识候带导争运笑飞风步改收根干造言联持组每济车亲极林服快办议往元英士证近失转夫令准布始怎呢存未远叫台单影具罗字爱击流备兵连调深商算质团集百需价花党华城石级整府离况亚请技际约示复病息究线似官火断精满支视消越器容照须九增研写称企八功吗包片史委乎查轻易早曾除农找装广显吧阿李标谈吃图念六引历首医局突专费号尽另周较注语仅考落青随选列武红响虽推势参希古众构房半节土投某案黑维革划敌致陈律足态护七兴派孩验责营星够章音跟志底站严巴例防族供效续施留讲型料终答紧黄绝奇察母京段依批群项故按河米围江织害斗双境客纪采举杀攻父苏密低朝友诉止细愿千值仍男钱破网热助倒育属坐帝限船脸职速刻乐否刚威毛状率甚独球般普怕弹校苦创假久错承印晚兰试股拿脑预谁益阳若哪微尼继送急血惊伤素药适波夜省初喜卫源食险待述陆习置居劳财环排福纳欢雷警获模充负云停木游龙树疑层冷洲冲射略范竟句室异激汉村哈策演简卡罪判担州静退既衣您宗积余痛检差富灵协角占配征修皮挥胜降阶审沉坚善妈刘读啊超免压银买皇养伊怀执副乱抗犯追帮宣佛岁航优怪香著田铁控税左右份穿艺背阵草脚概恶块顿敢守酒岛托央户烈洋哥索胡款靠评版宝座释景顾弟登货互付伯慢欧换闻危忙核暗姐介坏讨丽良序升监临亮露永呼味野架域沙掉括舰鱼杂误湾吉减编楚肯测败屋跑梦散温困剑渐封救贵枪缺楼县尚毫移娘朋画班智亦耳恩短掌恐遗固席松秘谢鲁遇康虑幸均销钟诗藏赶剧票损忽巨炮旧端探湖录叶春乡附吸予礼港雨呀板庭妇归睛饭额含顺输摇招婚脱补谓督毒油疗旅泽材灭逐莫笔亡鲜词圣择寻厂睡博勒烟授诺伦岸奥唐卖俄炸载洛健堂旁宫喝借君禁阴园谋宋避抓荣姑孙逃牙束跳顶玉镇雪午练迫爷篇肉嘴馆遍凡础洞卷坦牛宁纸诸训私庄祖丝翻暴森塔默握戏隐熟骨访弱蒙歌店鬼软典欲萨伙遭盘爸扩盖弄雄稳忘亿刺拥徒姆杨齐赛趣曲刀床迎冰虚玩析窗醒妻透购替塞努休虎扬途侵刑绿兄迅套贸毕唯谷轮库迹尤竞街促延震弃甲伟麻川申缓潜闪售灯针哲络抵朱埃抱鼓植纯夏忍页杰筑折郑贝尊吴秀混臣雅振染盛怒舞圆搞狂措姓残秋培迷诚宽宇猛摆梅毁伸摩盟末乃悲拍丁赵硬麦蒋操耶阻订彩抽赞魔纷沿喊违妹浪汇币丰蓝殊献桌啦瓦莱援译夺汽烧距裁偏符勇触课敬哭懂墙袭召罚侠厅拜巧侧韩冒债曼融惯享戴童犹乘挂奖绍厚纵障讯涉彻刊丈爆乌役描洗玛患妙镜唱烦签仙彼弗症仿倾牌陷鸟轰咱菜闭奋庆撤泪茶疾缘播朗杜奶季丹狗尾仪偷奔珠虫驻孔宜艾桥淡翼恨繁寒伴叹旦愈潮粮缩罢聚径恰挑袋灰捕徐珍幕映裂泰隔启尖忠累炎暂估泛荒偿横拒瑞忆孤鼻闹羊呆厉衡胞零穷舍码赫婆魂灾洪腿胆津俗辩胸晓劲贫仁偶辑邦恢赖圈摸仰润堆碰艇稍迟辆废净凶署壁御奉旋冬矿抬蛋晨伏吹鸡倍糊秦盾杯租骑乏隆诊奴摄丧污渡旗甘耐凭扎抢绪粗肩梁幻菲皆碎宙叔岩荡综爬荷悉蒂返井壮薄悄扫敏碍殖详迪矛霍允幅撒剩凯颗骂赏液番箱贴漫酸郎腰舒眉忧浮辛恋餐吓挺励辞艘键伍峰尺昨黎辈贯侦滑券崇扰宪绕趋慈乔阅汗枝拖墨胁插箭腊粉泥氏彭拔骗凤慧媒佩愤扑龄驱惜豪掩兼跃尸肃帕驶堡届欣惠册储飘桑闲惨洁踪勃宾频仇磨递邪撞拟滚奏巡颜剂绩贡疯坡瞧截燃焦殿伪柳锁逼颇昏劝呈搜勤戒驾漂饮曹朵仔柔俩孟腐幼践籍牧凉牲佳娜浓芳稿竹腹跌逻垂遵脉貌柏狱猜怜惑陶兽帐饰贷昌叙躺钢沟寄扶铺邓寿惧询汤盗肥尝匆辉奈扣廷澳嘛董迁凝慰厌脏腾幽怨鞋丢埋泉涌辖躲晋紫艰魏吾慌祝邮吐狠鉴曰械咬邻赤挤弯椅陪割揭韦悟聪雾锋梯猫祥阔誉筹丛牵鸣沈阁穆屈旨袖猎臂蛇贺柱抛鼠瑟戈牢逊迈欺吨琴衰瓶恼燕仲诱狼池疼卢仗冠粒遥吕玄尘冯抚浅敦纠钻晶岂峡苍喷耗凌敲菌赔涂粹扁亏寂煤熊恭湿循暖糖赋抑秩帽哀宿踏烂袁侯抖夹昆肝擦猪炼恒慎搬纽纹玻渔磁铜齿跨押怖漠疲叛遣兹祭醉拳弥斜档稀捷肤疫肿豆削岗晃吞宏癌肚隶履涨耀扭坛拨沃绘伐堪仆郭牺歼墓雇廉契拼惩捉覆刷劫嫌瓜歇雕闷乳串娃缴唤赢莲霸桃妥瘦搭赴岳嘉舱俊址庞耕锐缝悔邀玲惟斥宅添挖呵讼氧浩羽斤酷掠妖祸侍乙妨贪挣汪尿莉悬唇翰仓轨枚盐览傅帅庙芬屏寺胖璃愚滴疏萧姿颤丑劣柯寸扔盯辱匹俱辨饿蜂哦腔郁溃谨糟葛苗肠忌溜鸿爵鹏鹰笼丘桂滋聊挡纲肌茨壳痕碗穴膀卓贤卧膜毅锦欠哩函茫昂薛皱夸豫胃舌剥傲拾窝睁携陵哼棉晴铃填饲渴吻扮逆脆喘罩卜炉柴愉绳胎蓄眠竭喂傻慕浑奸扇柜悦拦诞饱乾泡贼亭夕爹酬儒姻卵氛泄杆挨僧蜜吟猩遂狭肖甜霞驳裕顽於摘矮秒卿畜咽披辅勾盆疆赌塑畏吵囊嗯泊肺骤缠冈羞瞪吊贾漏斑涛悠鹿俘锡卑葬铭滩嫁催璇翅盒蛮矣潘歧赐鲍锅廊拆灌勉盲宰佐啥胀扯禧辽抹筒棋裤唉朴咐孕誓喉妄拘链驰栏逝窃艳臭纤玑棵趁匠盈翁愁瞬婴孝颈倘浙谅蔽畅赠妮莎尉冻跪闯葡後厨鸭颠遮谊圳吁仑辟瘤嫂陀框谭亨钦庸歉芝吼甫衫摊宴嘱衷娇陕矩浦讶耸裸碧摧薪淋耻胶屠鹅饥盼脖虹翠崩账萍逢赚撑翔倡绵猴枯巫昭怔渊凑溪蠢禅阐旺寓藤匪伞碑挪琼脂谎慨菩萄狮掘抄岭晕逮砍掏狄晰罕挽脾舟痴蔡剪脊弓懒叉拐喃僚捐姊骚拓歪粘柄坑陌窄湘兆崖骄刹鞭芒筋聘钩棍嚷腺弦焰耍俯厘愣厦恳饶钉寡憾摔叠惹喻谱愧煌徽溶坠煞巾滥洒堵瓷咒姨棒郡浴媚稣淮哎屁漆淫巢吩撰啸滞玫硕钓蝶膝姚茂躯吏猿寨恕渠戚辰舶颁惶狐讽笨袍嘲啡泼衔倦涵雀旬僵撕肢垄夷逸茅侨舆窑涅蒲谦杭噢弊勋刮郊凄捧浸砖鼎篮蒸饼亩肾陡爪兔殷贞荐哑炭坟眨搏咳拢舅昧擅爽咖搁禄雌哨巩绢螺裹昔轩谬谍龟媳姜瞎冤鸦蓬巷琳栽沾诈斋瞒彪厄咨纺罐桶壤糕颂膨谐垒咕隙辣绑宠嘿兑霉挫稽辐乞纱裙嘻哇绣杖塘衍轴攀膊譬斌祈踢肆坎轿棚泣屡躁邱凰溢椎砸趟帘帆栖窜丸斩堤塌贩厢掀喀乖谜捏阎滨虏匙芦苹卸沼钥株祷剖熙哗劈怯棠胳桩瑰娱娶沫嗓蹲焚淘嫩韵衬匈钧竖峻豹捞菊鄙魄兜哄颖镑屑蚁壶怡渗秃迦旱哟咸焉谴宛稻铸锻伽詹毙恍贬烛骇芯汁桓坊驴朽靖佣汝碌迄冀荆崔雁绅珊榜诵傍彦醇笛禽勿娟瞄幢寞睹贿踩霆呜拱妃蔑谕缚诡篷淹腕煮倩卒勘馨逗甸贱炒灿敞蜡囚栗辜垫妒魁谣寇蛙"
	topHanziTrad  = "無礙瀏覽頁訊網站資首登錄註冊搜尋絡於隱私款臺灣縣鎮鐵輛碼線購賣銷貨筆檔案預計歡迎繁簡環境衛療診藥園課閱詞彙編輯發佈討郵帳號密認證限說幫訂貿銀券貸稅勞營農漁礦腦軟硬據庫雲儲團領導協範檢鑑聲節頻廣視劇攝畫遊競賽紀錄內門閉間開關讀寫讚鬥爭勝敗歐亞陰陽輪艦島嶼灣橋樓廠區縣鄉鎮莊頭髮長壽豐饒飯餐飲麵雞鴨魚蝦蟹貝龍鳳龜獸馬驢騎驗險歲務億萬億賬贏虧貴賤錢銅鐘鋼鐵銀針釘鍋鏡燈燒熱冷溫濕燥陽陰雲霧雷電風颳颱"
	topHanziTrad2 = "們這個來為國時說過後會對動經現發當無開進學種還實點體麼從與產長兩關見將問機頭氣樣號處們論應於間麼雖東電話業報聲變認讓總團軍員區義議議書條識紀傳場還結樂書難設戰連選運門歷覺據確導戰愛隊權級聽數務師親黨極觀達語題買讀寫類響邊議術質輕衛際構鄉離衝藝燈網鐘錢願係幾錯邊華萬雲隨陳劉張陽國興強單葉調舊飛顯標辦歲衛積專區護險築則備費絕組織視雙圖裡證檢層請評滿獨製參轉驗廣態靈營聯顧審響價與隻淚講濟擊輸規協壓擔斷傷響寶彈廳醫陸舉嚴領職體"
	// topKanji are frequent kanji of Japanese text that the hanzi lists
	// above lack: Japanese forms (発, 経, 駅, 県) and characters whose
	// Chinese forms differ (車, 聞, 館). They count only in a Japanese
	// reading (runeScore): kanji text without kana has nothing else that
	// tells it from GBK, whose first level its bytes fall in.
	topKanji = "円気聞車毎読発売別終広町転楽試験仕帰悪図週歩紙黒館習駅曜鳥昼犬姉漢対実関決戦経約続記権産済側増変両歳談説優収違訪乗労伝働負観様財満値処殺単責給適婦込顔薬険頼覚許抜絶払遅雑賛遠戻絵夢緒暮掛寝歯誤慣窓貧泳鳴煙頂晩髪靴恥偉県団営挙総衆鉄歴価仏辺拡継駐統銭庁"
	// topHangul are frequent Hangul syllables; its second line adds the
	// particles and endings (은, 와, 없, 합니다's 합), the syllables of
	// loanwords (스, 트, 프, 옵션) and of software and addresses (파일,
	// 사용법, 특별시) the first lacked: a short Korean line of them scored
	// no better as EUC-KR than as GBK's or EUC-JP's hanzi of its bytes.
	topHangul = "이다의는에하고을를가지서기으로사한대리도자나어적수인있정시일국해보여게부주아제전비상세그것라면만장동우위경성들소원과화구방내문연용신생회조개무행공학거니물마미선실관후요안간때말분했히등할되된및중발결통업단식입명당계영금외산진양저모현재체데습까년월날께였겠던될뿐의" +
		"은와없합음법각려러호표파스트드크프터더새못알받출설택력록값번작열찾읽옵션목예처치능본교감반확최추특포필함형오운응점접종직질집차"
)

// charClass holds, per rune, bits for the character lists the scorer
// checks. Built once from the lists above and from the first (frequent)
// levels of GB2312, Big5 and JIS X 0208.
var (
	classOnce sync.Once
	classes   *[0x10000]uint8 // by rune: every class holds runes of the Basic Multilingual Plane only
)

const (
	clTop    = 1 << iota // a top hanzi, simplified or traditional
	clGB1                // GB2312 level 1 hanzi
	clBig51              // Big5 level 1 hanzi
	clJIS1               // JIS X 0208 level 1 kanji
	clHangul             // a frequent Hangul syllable
	clKanji              // a frequent kanji of Japanese text (topKanji)
	clTail               // a top hanzi past topHanzi's first coreHanzi, in no traditional list
)

// coreHanzi is how many of topHanzi's first characters (the list runs
// most frequent first) make up most of Chinese running text: a Chinese
// reading scores the rest of the list below them (tailScore). A wrong
// reading's characters fall anywhere in GB2312's first level, whose
// 3,755 hanzi topHanzi mostly covers (2,581), and the first 500 are an
// eighth of it.
const coreHanzi = 500

func buildClasses() {
	classes = new([0x10000]uint8)
	for i, r := range []rune(topHanzi) {
		if i >= coreHanzi {
			mark(r, clTail)
		}
	}
	for _, r := range topHanzi + topHanziTrad + topHanziTrad2 {
		mark(r, clTop)
	}
	for _, r := range topHanziTrad + topHanziTrad2 {
		classes[r] &^= clTail // the traditional lists are not ranked: all score as frequent
	}
	for _, r := range topKanji {
		mark(r, clKanji)
	}
	for _, r := range topHangul {
		mark(r, clHangul)
	}
	markRange("gb18030", 0xB0, 0xD7, 0xA1, 0xFE, clGB1)
	markRange("big5", 0xA4, 0xC6, 0x40, 0x7E, clBig51)
	markRange("big5", 0xA4, 0xC6, 0xA1, 0xFE, clBig51)
	markRange("euc-jp", 0xB0, 0xCF, 0xA1, 0xFE, clJIS1)
}

// markRange decodes every two-byte code in the lead and trail ranges with
// the named encoding and marks the ideographs it gives with bit.
func markRange(name string, lead0, lead1, trail0, trail1 byte, bit uint8) {
	e, err := htmlindex.Get(name)
	if err != nil {
		return
	}
	dec := e.NewDecoder()
	buf := make([]byte, 0, 2*int(lead1-lead0+1)*int(trail1-trail0+1))
	for l := int(lead0); l <= int(lead1); l++ {
		for t := int(trail0); t <= int(trail1); t++ {
			buf = append(buf, byte(l), byte(t))
		}
	}
	out, err := dec.Bytes(buf)
	if err != nil {
		return
	}
	for _, r := range string(out) {
		if unicode.Is(unicode.Han, r) {
			mark(r, bit)
		}
	}
}

// mark adds bit to the classes of r, which must lie in the Basic
// Multilingual Plane (TestClassesInBMP checks the lists).
func mark(r rune, bit uint8) {
	if r < 0x10000 {
		classes[r] |= bit
	}
}

// classOf is the class bits of r: a table lookup, once per rune of every
// CJK decoding the charset decision weighs.
func classOf(r rune) uint8 {
	classOnce.Do(buildClasses)
	if r < 0 || r >= 0x10000 {
		return 0
	}
	return classes[r]
}
