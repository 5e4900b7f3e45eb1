package clean

import "strings"

// Traditional pages (Taiwan, Hong Kong, Macao, and mainland mirrors of
// them) write the same labels in Traditional characters: 發布時間, 來源,
// 責任編輯, 版權所有. Rather than doubling every pattern, the label and
// chrome patterns are written in Simplified and matched against
// foldTrad(text). Every pair below is two BMP Han characters, three bytes
// each in UTF-8, so byte offsets found in the folded text hold in the
// original and names are cut from the original (中國外文局 stays as written).
const tradPairs = "來来發发佈布時时間间載载轉转處处聞闻編编輯辑責责記记頁页關关閉闭權权" +
	"閱阅讀读覽览點点擊击數数號号體体審审對对簽签監监製制攝摄網网薦荐熱热門门" +
	"歡欢掃扫維维碼码訪访問问頂顶備备證证辦办單单術术設设為为圖图聯联繫系們们" +
	"鏈链報报資资訊讯郵邮隱隐條条務务總总廣广視视頻频論论評评復复讚赞類类詳详" +
	"細细際际戶户導导層层級级張张確确認认訂订頭头眾众樓楼區区歸归屬属聲声刪删" +
	"統统計计瀏浏動动態态產产業业國国華华織织組组會会員员這这進进實实現现經经" +
	"濟济長长東东書书語语說说開开車车線线後后標标題题專专欄栏樂乐學学習习" +
	"稱称寫写選选擇择簡简週周轄辖屆届錄录將将與与協协啟启舊旧醫医藥药歷历劃划"

// tradFold maps a Han character of the BMP's unified block (tradBase up
// to tradEnd) to its Simplified form, offset by tradBase; 0 for none. An
// array, not a map: foldTrad runs on every line of every page.
var tradFold = func() *[tradEnd - tradBase]uint16 {
	var t [tradEnd - tradBase]uint16
	rs := []rune(tradPairs)
	for i := 0; i+1 < len(rs); i += 2 {
		if !inTradBlock(rs[i]) || !inTradBlock(rs[i+1]) || rs[i+1] == tradBase {
			panic("clean: tradPairs holds a character outside U+4E00–U+9FFF")
		}
		t[rs[i]-tradBase] = uint16(rs[i+1] - tradBase)
	}
	return &t
}()

const tradBase, tradEnd = 0x4E00, 0xA000

func inTradBlock(r rune) bool { return r >= tradBase && r < tradEnd }

// tradOf returns the Simplified form of r, and whether r has one.
func tradOf(r rune) (rune, bool) {
	if !inTradBlock(r) {
		return r, false
	}
	if f := tradFold[r-tradBase]; f != 0 {
		return rune(f) + tradBase, true
	}
	return r, false
}

// foldTrad maps the Traditional characters of tradPairs to Simplified. The
// result has the same length in bytes as s; s itself is returned when it
// holds none of them.
func foldTrad(s string) string {
	i := indexTrad(s)
	if i < 0 {
		return s
	}
	return s[:i] + strings.Map(func(r rune) rune {
		f, _ := tradOf(r)
		return f
	}, s[i:])
}

// indexTrad is strings.IndexFunc(s, r has a tradOf), without a call per
// rune: only a byte E4–E9 starts a rune of U+4E00–U+9FFF, and such a byte
// is never inside another rune (it is no continuation byte), so every
// other byte is passed over as it is, ASCII and the rest. Such a rune
// is decoded inline (hanAt); a byte E4–E9 that begins no rune of the block
// (a stray one, or U+4000–U+4DFF, which tradOf never folds) is passed
// over too.
func indexTrad(s string) int {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0xE4 || c > 0xE9 {
			continue
		}
		if r, ok := hanAt(s, i); ok {
			if _, ok := tradOf(r); ok {
				return i
			}
			i += hanSize - 1
		}
	}
	return -1
}
