package parser

// The phrase families the seed's severity levels are read with (see
// severity_seed.go), per language: out of service, still serving,
// interruptions, parts and their faults, fault and slowness words.

// outOfService: the seed's "out of order and cannot provide service".
var outOfService = []string{"no network at all", "all leds are off", "not broadcasting", "non si avvia", "está caída", "sin servicio", "ne démarre pas", "won't turn on", "stopped passing traffic", "unreachable since", "has been unreachable", "not reachable", "never gets past post",
	"doesn't get past post", "does not get past post", "nas stopped working", "server stopped working", "unit stopped working",
	"it stopped working", "do not start", "does not start", "don't start", "won't start", "not powering on", "stopped posting",
	"sofort wieder aus", "radios stay disabled", "both radios", "can not be recovered", "cannot be recovered", "no virtual drives", "lost its ethernet uplink", "without the nas", "neither of", "não liga", "parou de funcionar",
	"non funziona più", "funktioniert nicht mehr", "ne fonctionne plus", "ya no funciona", "dejó de funcionar", "boot loop", "bootloop", "reboot loop", "en boucle", "en bucle", "freezes completely", "hangs completely",
	"hard power-off", "out of order", "out of service", "cannot provide service", "can't provide service", "won't boot", "will not boot",
	"doesn't boot", "does not boot", "stopped booting", "fails to boot", "no longer boots", "won't power on", "will not power on",
	"does not power on", "doesn't power on", "won't turn on", "does not turn on", "doesn't turn on", "no longer powers on", "completely dead",
	"is dead", "bricked", "completely down", "totally down", "completely offline", "nothing works", "completely out", "completely stopped", "komplett aus", "nicht mehr einschalten", "startet nicht mehr", "fährt nicht mehr hoch",
	"komplett ausgefallen", "totalausfall", "ne démarre plus", "ne s'allume plus", "hors service", "complètement en panne",
	"no enciende", "dejó de encender", "no arranca", "fuera de servicio", "completamente fermo", "fuori linea", "non si accende", "fuori servizio",
	"完全无法", "无法工作", "无法提供服务", "無法工作", "無法提供服務", "起動せず", "起動しない", "完全に停止", "電源が入らない", "无法开机", "無法開機", "完全停止",
	"fora do ar", "não responde", "sem conexão", "起動しなく", "停止しており", "停止しています", "使用できません", "完全に使えません", "작동하지 않", "부팅되지 않", "켜지지 않",
	"still down", "shuts down after", "shuts off after", "switches off after", "turns off after", "powers off after", "schaltet sich nach", "s'éteint après", "se apaga después", "si spegne dopo",
	"will not turn on", "not accessible at all", "has no power", "no power at all", "stopped responding", "stuck booting", "stuck at boot", "never finishes booting", "never finishes starting", "won't come back up", "doesn't come back up", "does not come back up", "didn't come back up", "did not come back up", "no longer power on", "no longer power up", "powers up any more", "power up any more", "powers up anymore", "power up anymore",
	"do not power on", "don't power on", "had no service", "have no service", "has no service", "no service since", "hasn't switched on", "has not switched on", "won't switch on", "doesn't switch on", "does not switch on", "nothing happens at all",
	"are dead", "are both dead", "both dead", "still dead", "no longer in production", "kompletter ausfall", "is offline", "are offline", "is down completely",
	"completely unavailable", "totally unavailable", "completely inaccessible", "nie uruchamia się", "nie włącza się", "całkowicie niedostępn", "start niet meer", "gaat niet meer aan", "volledig onbereikbaar",
	// a unit dead on arrival never served; Japanese "does not start" in
	// the polite form; Korean "completely stopped"
	"dead on arrival", "arrived dead", "doa replacement", "power button does nothing",
	// Czech "will not boot", "does not come up", "cannot be switched on"
	"nenabootuje", "nenaběhne", "nejde zapnout", "non funzionante", "arrivato guasto", "初期不良", "起動しません", "완전히 중단", "起動できません",
	// Chinese "cannot start up" and "(service) completely / entirely
	// interrupted", simplified and traditional
	"无法启动", "無法啟動", "不能启动", "不能啟動", "完全中断", "完全中斷", "全部中断", "全部中斷",
	// work at a standstill
	"工作停滞", "基本停滞", "业务停滞", "業務停滯", "工作停滯", "at a standstill", "zum stillstand", "paralizad", "paralisad", "paralizzat",
	// "not reachable any more" in German and Dutch; traditional Chinese
	// "completely unable (to connect)"
	"nicht mehr erreichbar", "niet meer bereikbaar", "完全無法",
	// Swedish "out of service", "does not start"; Portuguese "does not
	// start", "stopped starting", "(the server) is stopped"
	"ur drift", "startar inte", "não arranca", "deixou de arrancar", "está parado", "está parada",
	// the people a unit serves are cut off ("60 subs offline"); a unit
	// that "boots, then dies after 10 minutes" never serves
	"subs offline", "subscribers offline", "subscribers are offline", "customers offline", "customers are offline", "all clients offline", "all users offline", "users are offline",
	"line down", "dies after", "then dies", "dies within", "cannot keep it up", "can't keep it up",
	// Turkish "completely crashed", "does not start / open", "cannot be
	// reached", "stopped completely"; Polish "does not work at all",
	// "stopped working"
	"tamamen çöktü", "sunucu çöktü", "açılmıyor", "başlamıyor", "erişilemiyor", "tamamen durdu", "hizmet veremiyor", "hiç çalışmıyor",
	"w ogóle nie działa", "przestał działać", "przestała działać", "przestało działać",
	// a unit that "won't POST"; one that is (still) off: "the unit is
	// off", "è ancora spento", "sigue apagado", "toujours éteint"
	"won't post", "will not post", "doesn't post", "does not post", "no longer posts",
	"unit is off", "nas is off", "server is off", "system is off", "device is off", "still off", "still powered off",
	"ancora spento", "ancora spenta", "rimane spento", "sigue apagado", "sigue apagada", "toujours éteint", "reste éteint", "bleibt aus", "ist immer noch aus", "nog steeds uit", "ainda desligado", "nadal wyłączony",
	// a unit that serves nothing any more ("does not serve anything
	// anymore, all shares are gone"); Dutch and German "does not start"
	"does not serve anything", "doesn't serve anything", "not serving anything", "serves nothing", "all shares are gone", "all shares are missing",
	"start niet", "startet nicht",
	// "wont turn on" typed without its apostrophe; "completely unreachable"; German "(it) no
	// longer boots", "(the line) stands completely", "operations stand";
	// Korean "the power does not come on", "(live service) entirely
	// interrupted"; Polish "nobody in the office can", "the whole company stands"
	"wont turn on", "wont power on", "wont boot", "wont start", "doesnt boot", "doesnt turn on", "doesnt power on", "completely unreachable",
	"bootet nicht mehr", "bootet sie nicht mehr", "steht komplett", "betrieb steht", "startet der hypervisor nicht",
	"전원이 들어오지 않", "전원 안 켜", "전부 중단", "서비스 중단", "nikt w biurze nie może", "firma stoi", "werkt ook niet meer", "werkt niet meer",
	// Chinese "(all terminals) cannot get online", "no signal at all"
	"都无法上网", "都無法上網", "完全没有信号", "完全沒有訊號", "完全沒有信號",
	// plural outages, as the singular: "both do not boot", "the rest do
	// not boot", "none of them boots", in the desk's languages
	"do not boot", "don't boot", "dont boot", "no longer boot", "none of them boot", "none of them start", "none of them power", "none of them work", "none boots", "neither boots",
	"do not turn on", "don't turn on", "won't come up", "starten nicht", "booten nicht", "fahren nicht mehr hoch",
	"no arrancan", "no encienden", "non si avviano", "non si accendono", "starten niet", "não arrancam", "não ligam", "nie uruchamiają się", "nie włączają się",
	// a unit that "refuses to come up", "went belly-up"; Chinese potential
	// complements: "cannot power on / start" (开不了机, 启动不了)
	"refuses to come up", "refuses to boot", "refuses to start", "refuses to power on", "refuses to turn on", "refused to come up", "refused to boot", "refused to start",
	"went belly-up", "went belly up", "gone belly-up", "gone belly up", "is belly-up", "is belly up",
	"开不了机", "開不了機", "启动不了", "啟動不了", "开不起来", "開不起來"}

// stillServes: the unit, or the service, still runs: never critical.
var stillServes = []string{"rullar vidare", "fungerar fortfarande", "går fortfarande", "ingen användare har märkt", "nas works", "server works", "unit works", "radio works", "the rest works", "rest läuft", "shares work", "else works", "else is fine", "service is fine", "all is well", "everything runs", "tout fonctionne", "todo funciona", "tutto funziona", "alles funktioniert", "läuft normal", "work normally", "works normally", "still runs", "still serv", "still work", "still running", "still up", "still online", "still function", "still provid",
	"keeps serving", "keep serving", "still operational", "still usable", "still accessible", "still available", "keeps running", "keep running", "services are up",
	"performance is fine", "running on controller", "still passes traffic", "fonctionne encore", "fonctionne toujours", "restent connectés",
	"keeps running", "running on the remaining", "running normally", "works fine", "running fine", "serving production", "werkt verder", "läuft auf", "運用は継続", "仍可",
	"funktioniert noch", "läuft noch", "läuft weiter", "sigue funcionando", "siguen funcionando", "funziona ancora", "continua a funzionare",
	"still in production", "funziona regolarmente", "funzionano regolarmente", "funciona normalmente", "funcionan normalmente", "fonctionne normalement",
	"funktioniert normal", "laufen normal", "laufen weiter", "werkt normaal", "shares zijn bereikbaar", "shares are reachable", "shares are accessible", "otherwise working", "otherwise fine", "stays up", "no user impact", "no impact on", "without impact", "draait gewoon door", "draait door", "geen impact",
	"continue de fonctionner", "continua funcionando", "continua a funcionar", "ainda funciona", "nadal działa", "działa dalej",
	"继续运行", "繼續運行", "业务未中断", "業務未中斷", "仍正常", "正常运行", "正常運作", "정상적으로 운영", "정상 운영", "정상적으로 작동", "稼働を継続", "運用できて",
	// Japanese "is operating (on the other PSU)", "no impact on the
	// business"; Chinese "does not affect the business"; English "(SMB)
	// is still fine"
	"稼働しており", "稼働しています", "影響はありません", "影響はない", "影響なし", "不影响业务", "不影響業務", "still fine",
	// "(our apps) are unaffected", "everything is accessible", in
	// English, Polish, German, French, Spanish and Italian
	// "(the volume is degraded but) stays accessible", per language
	"reste accessible", "restent accessibles", "reste disponible", "bleibt verfügbar", "sigue accesible", "sigue disponible", "resta accessibile", "resta disponibile", "stays accessible", "remains accessible", "remains available",
	"działa normalnie", "działa prawidłowo", "obsługuje ruch",
	"are unaffected", "is unaffected", "everything is accessible", "wszystko jest dostępne", "alles ist erreichbar", "tout est accessible", "todo está accesible", "tutto è accessibile",
	// "everything (else) works", "runs flawlessly / correctly", "(shares
	// and backups) are all normal", per language: the unit serves
	"everything works", "everything is working", "everything else is working", "everything runs fine", "runs fine", "works correctly", "working correctly",
	"läuft einwandfrei", "läuft aber einwandfrei", "funktioniert einwandfrei", "alles läuft", "funciona correctamente", "funciona bien", "todo funciona",
	"funziona tutto", "funziona correttamente", "funziona bene", "tout marche", "fonctionne correctement", "fonctionne bien", "tudo funciona", "funciona corretamente",
	"werkt prima", "werkt goed", "alles werkt", "działa poprawnie", "wszystko działa", "allt fungerar", "her şey çalışıyor", "sorunsuz çalışıyor",
	"問題なく動いて", "funktioniert, nur", "works, just", "works, only", "siguen enviando", "sigue enviando",
	"posts fine and serves", "serves vms", "serves the vms", "serves our vms", "serves files", "serves our files",
	"都正常", "一切正常", "都正常運作", "問題なく動作", "正常に動作", "正常に稼働", "모두 정상", "정상입니다"}

// interrupts: the seed's "rebooted", "intermittent service impact".
// "after every reboot", "we rebooted it" are the customer's doing, not the
// unit's: only words for the unit restarting by itself count.
var interrupts = []string{"リンクダウンする", "shuts down every", "shuts down several", "shuts down daily", "drops all clients", "drops clients", "se bloque", "se bloquea", "se cuelga", "si blocca", "hängt sich", "stürzt ab", "plante ", "reboots", "get disconnected", "gets disconnected", "going up and down", "goes up and down", "flapping", "rebooting", "rebooted unexpectedly", "rebooted itself", "rebooted by itself", "rebooted on its own",
	"restarts", "restarting", "restarted itself", "restarted unexpectedly", "startet neu", "startet sich neu", "neu gestartet", "neustarts",
	"reinicia", "se reinició", "redémarre", "riavvia", "shuts itself down", "shuts down by itself", "switches itself off", "turns itself off",
	"s'éteint", "schaltet sich", "se apaga", "si spegne", "freezes", "hangs", "crash", "drops off", "drop off",
	"disconnects", "loses connection", "loses the connection", "connection drops", "verliert", "perd la connexion", "pierde la conexión",
	"intermittent", "sporadic", "randomly", "every few", "alle paar", "keeps losing", "drops continue", "kicked off", "stays down", "no beacon",
	"斷線", "断线", "時有時無", "时有时无", "再起動", "自动重启", "自動重啟", "自動重開機", "自动重新开机", "自動重新開機",
	"rebooted twice", "rebooted again", "desliga-se", "desliga sozinho", "reinicia sozinho", "restartuje się", "wyłącza się",
	"clients drop", "clients get dropped", "clients are dropped", "stürzt", "abgestürzt", "herstart", "start opnieuw op", "valt uit", "valt steeds uit", "loopt vast", "startar om", "hänger sig", "se fige", "se figent",
	// Chinese "intermittent (reboots)", Korean "intermittently",
	// "(clients) are cut off", "reboot"
	"间歇性", "間歇性", "간헐적", "끊깁니다", "끊어집니다", "재부팅됩니다", "재시작됩니다",
	// Japanese "freezes" ("1日に数回フリーズし"); "再起動しないと" (unless
	// restarted) is no "起動しない" (does not start): the veto above
	"フリーズ",
	// Polish "disconnects (all clients)", "(they) lose / it loses the
	// connection", "hangs"; Turkish "restarts (by itself)", "the
	// connection drops", "freezes"
	"dropping off", "every couple of hours", "vanished from the network", "vanishes from the network", "hanging for", "stall and recover", "desconecta", "se desconectan", "se cae cada",
	"random reboot", "random restart", "unexpected reboot", "unexpected restart", "spontaneous reboot",
	"rozłącza", "tracą połączenie", "traci połączenie", "zawiesza się", "zrywa połączenie",
	"yeniden başlıyor", "kendiliğinden yeniden", "bağlantı kopuyor", "bağlantısı kopuyor", "donuyor", "kilitleniyor"}

// managementParts manage a unit without serving anything: their hang is
// no service interruption while the unit serves.
var (
	managementParts  = []string{"bmc", "ipmi", "web interface", "web ui", "webui", "management interface", "idrac", "ilo "}
	managementFaults = []string{"hangs", "freezes", "not responding", "unresponsive", "times out", "crash", "stopped responding", "nie odpowiada", "przestał odpowiadać", "reagiert nicht", "ne répond plus", "no responde", "non risponde"}
)

// unitParts and unitPartFaults: a part of the unit, and its failure.
var (
	unitParts      = []string{"nätaggregat", "netzwerkport", "lan-port", "anschluss", "led", "lüfter", "ventilateur", "ventilador", "lcd", "display", "slot", "disk", "drive", "nvme", "controller", "card", "backplane", "bay", "hdmi", "fan", "psu", "power supply", "netzteil", "alimentatore", "alimentation", "fuente de alimentación", "voeding", "ventilator", "ventola", "dimm", "ecc", "memory error", "port", "eth1", "eth2", "eth3", "ethernet port", "raid", "劣化", "電源ユニット"}
	unitPartFaults = []string{"sönder", "loud", "failed", "on orange", "is orange", "bruyant", "ruidoso", "rumoroso", "fails", "error", "abnormal", "no link", "dead", "died", "0 rpm", "grinding", "noise", "geluid", "ausgefallen",
		"noisy", "does not link", "doesn't link", "won't link", "no longer links",
		"stopped", "broken", "ne tourne plus", "non gira più", "does not spin", "not working", "kicked out", "not visible", "劣化"}
)

// faultWords say something is wrong with the unit or a part of it: with a
// unit that still serves, the seed's Low. "Works fine again" alone is no
// fault.
var faultWords = []string{"alarm", "cannot access", "can't access", "can no longer access", "can't log in", "cannot log in", "can't log into", "cannot log into", "fail", "dead", "died", "broken", "stopped", "not working", "no longer", "doesn't", "does not", "won't", "error",
	"fault", "defect", "bad", "is down", "are down", "went down", "abnormal", "grind", "noise", "degrad", "slower", "drop", "lost",
	"uitgevallen", "kapot", "ausgefallen", "not responding", "unresponsive", "reageert niet", "reagiert nicht", "ne répond plus", "no responde", "non risponde", "kaputt", "en panne", "hs ", "averiad", "guast", "rott", "uszkodzon", "awari", "nie działa",
	"erreur", "errore", "fehler", "fout", "panne", "avari", "defekt", "nie odpowiada", "przestał odpowiadać", "przestała odpowiadać",
	"異常", "故障", "下降", "劣化", "損壞", "损坏", "壊れ", "느려", "저하", "고장", "オレンジ", "橙色",
	// a warning colour, a noise, slowness, a scratch: faults of a unit
	// that may well still serve
	"warning", "amber", "orange", "arancione", "naranja", "ámbar", "laranja", "oranje", "pomarańcz", "주황", "黄色", "琥珀",
	"loud", "noisy", "lauter", "bruyant", "ruidoso", "rumoroso", "luidruchtig", "głośn",
	"slow", "langsam", "lent", "lento", "traag", "wolniej", "遅い", "慢", "느리",
	"scratch", "kratzer", "rayure", "arañazo", "graffio", "rysa", "傷", "划痕", "刮痕", "흠집", "dented", "a dent", "dent in", "dent on", "eine delle", "une bosse", "een deuk", "abolladura", "ammaccatura"}

// slowerWords: performance words the degraded levels are about.
var slowerWords = []string{"desempenho", "velocidade", "velocidad", "snelheid", "vitesse", "geschwindigkeit", "velocità", "劣化", "下降", "slower", "throughput", "durchsatz", "doorvoer", "rendimiento", "prestazioni", "performance", "degraded", "dégradé", "langsamer", "mbps", "mbit", "mb/s", "gb/s", "gbit", "mo/s", "go/s", "reduced", "lower", "leistung", "débit"}
