"""Common English words that are also place or person names (or parts of them).

An alias that is one of these words must not match lower-case text: the generator gives
it `"case": "capitalized"` (or drops it when it is an all-caps acronym). Hand-made list,
no source data: frequent English words plus the country, capital and demonym forms known
to collide ("Chad", "Turkey", "Male", "Nice").
"""

COMMON_WORDS = frozenset("""
a about above across act after again against age ago air all also am among an and any are area arm army art
as at away back bad bank bar base bath bay be bear beat bed been before being bell below best better big bill
bird bit black blue board boat body bond book born both box boy brave bridge bright bring brown build bush busy
but buy by call calm came camp can cap capital car card care carry case cash cast cat catch cause center central
certain chad chance change charge chase cheap check chief child china church city civil claim class clean clear
close coast cold come common cook cool copper core corn cost could count country course court cover crane cross
crown cuba cup cut dam dance dark day dead deal dear deep delta desert did die do does dog done door down draw
dream dress drive drop dry due duke each early earth east easy eat edge end even ever every eye face fact fair
faith fall far farm fast father fear few field fight figure fill final find fine fire firm first fish five flat
flight floor fly folk follow food foot for force ford foreign forest form fort forward four fox free fresh friend
from front full fund game gate gates general georgia get gift girl give glad glass go god gold golden good got
grace grand grant gray great green grey ground group grow guard guinea guy had half hall hand hard harm have he
head hear heart heat held help her here high hill him his hit hold hole holy home hope horse host hot hour house
how hunt hurt i ice if in inch iron is island islands it its jack james jersey job join jordan joy judge jump
june just keep key kind king kingdom knight know lady lake land large last late law lay lead league lean learn
least leave left less let level lie life light like line lion list little live long look lord lose lot love low
luck lucky made main major make male mall man many march mark market mass master match may mean meet member men
might mile mill mind mine miss mobile model moon more most mother mount move much must my name nation national
navy near need never new next nice niger night nine no noble none north not note now number of off office oil
old on once one only open or order other our out over own page pair palace panama park part party pass past pay
peace people per peru place plain plan plant play point pole poor port post pound power present president press
pretty price prime prince print prize proud pure put queen quick race rain rank rate reach read reading ready
real red reed republic rest rice rich ride right ring rise river road rock roll room root rose round royal rule
run safe said sail saint salt same sand save saw say sea seal season seat second secretary see seed sell send
set seven shall sharp she shell ship shore short should show side sign silver simple since sing single sir sit
six size sky small smart smith snow so soft soldier some son song soon sound south speed spring square staff
stand star start state states station stay steel step stick still stone stop store storm story street strong
such sugar summer sun sure swan sweet table take talk tall tea team tell ten than that the their them then there
these they thing think third this those three through tie time to today together told tomorrow too top total
tower town trade train travel tree true trust try turkey turn two under union united unity up upon us use valley
very victory view village visit voice wait walk wall war warm was watch water way we wear well went were west
what wheel when where which while white who whole why wide will win wind window wing winter wise with without
woman wood word work world would write year yes yet you young your
""".split())
