package parser

import (
	"github.com/emersion/go-message/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// Charset names mail in the wild uses that the WHATWG table does not know:
// Python's email package writes its codec names ("big5_tw", "euc_jp",
// "iso2022_jp"), Windows its code pages ("cp950", "cp936", "cp932").
func init() {
	for enc, names := range map[encoding.Encoding][]string{
		traditionalchinese.Big5: {"big5_tw", "big5-tw", "cp950", "ms950", "x-windows-950"},
		japanese.EUCJP:          {"euc_jp", "eucjp", "ujis"},
		japanese.ISO2022JP:      {"iso2022_jp", "iso2022jp", "csiso2022jp"},
		japanese.ShiftJIS:       {"cp932", "ms932", "sjis", "x-sjis", "shift_jis_2004"},
		korean.EUCKR:            {"euc_kr", "cp949", "uhc"},
		simplifiedchinese.GBK:   {"cp936", "ms936", "euc_cn", "euc-cn", "gb2312-80"},
	} {
		for _, n := range names {
			charset.RegisterEncoding(n, enc)
		}
	}
}
