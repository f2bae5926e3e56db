"""Both sides of an event: coordinated actors the small parser attaches oddly, the other
side of a clash, expulsions, gerund subjects, and the country of groups the tables do not
know. Short wire-style sentences (not taken from any evaluation set) run through the
whole pipeline."""

from __future__ import annotations

from rules_only import process_text
from tidings.model import Document, Event

PUBLISHED = "2025-03-14T09:00:00+00:00"


def coded(text: str) -> Document:
    return process_text(text, published=PUBLISHED)


def events_of(doc: Document, event_type: str) -> list[Event]:
    found = [e for e in doc.events if e.event_type == event_type]
    assert found, f"no {event_type} in {[(e.event_type, e.evidence.trigger.text) for e in doc.events]}"
    return found


def triggered(doc: Document, word: str) -> Event:
    """The event whose trigger is ``word``."""
    found = [e for e in doc.events if e.evidence.trigger.text == word]
    assert found, f"no event on {word!r} in {[e.evidence.trigger.text for e in doc.events]}"
    return found[0]


def sides(event: Event) -> tuple[str | None, str | None]:
    return (event.source.country if event.source else None,
            event.target.country if event.target else None)


def test_two_leaders_who_will_meet_are_both_sides() -> None:
    event = events_of(coded("Kenyan President William Ruto and Ethiopian Prime Minister Abiy "
                            "Ahmed would meet in Addis Ababa next week."), "CONSULT")[0]
    assert sides(event) == ("KEN", "ETH")


def test_a_conjunct_hung_inside_an_organisation_name_acts_too() -> None:
    doc = coded("The Organization of Islamic Cooperation and Jordan's government condemned "
                "the raid.")
    assert {sides(e)[0] for e in events_of(doc, "ACCUSE")} == {None, "JOR"}


def test_the_owners_of_a_delegation_are_the_two_sides() -> None:
    event = events_of(coded("The foreign ministers of Armenia and Azerbaijan signed a peace "
                            "agreement in Washington on Friday."), "SUPPORT")[0]
    assert set(sides(event)) == {"ARM", "AZE"}


def test_the_other_side_of_a_clash() -> None:
    event = events_of(coded("Sudan's army clashed with Rapid Support Forces fighters near "
                            "Omdurman on Monday."), "ASSAULT")[0]
    assert sides(event) == ("SDN", "SDN") and event.target is not None
    attack = events_of(coded("Sudan's army attacked the town with drones."), "ASSAULT")[0]
    assert attack.target is None or attack.target.text != "drones"


def test_ordering_an_ambassador_out_is_an_expulsion() -> None:
    doc = coded("Niger ordered France's ambassador to leave the country within 48 hours and "
                "recalled its own envoy from Paris.")
    expel = next(e for e in events_of(doc, "SANCTION") if e.mode == "expel")
    assert sides(expel) == ("NER", "FRA")
    recall = next(e for e in events_of(doc, "SANCTION") if e.evidence.trigger.text == "recalled")
    assert sides(recall)[0] == "NER"  # not the ambassador told to leave
    request = coded("Niger ordered the army to leave the barracks.")
    assert all(e.event_type != "SANCTION" for e in request.events)


def test_a_gerund_subject_takes_its_sides_from_between() -> None:
    event = events_of(coded("Fighting between Ethiopian troops and Eritrean forces continued "
                            "near Badme on Tuesday."), "ASSAULT")[0]
    assert sides(event) == ("ETH", "ERI")


def test_house_arrest_visa_restrictions_and_joint_patrols() -> None:
    arrest = events_of(coded("Former Prime Minister Imran Khan was placed under house arrest "
                             "in Islamabad on Monday."), "COERCE")[0]
    assert arrest.mode == "arrest"
    ban = events_of(coded("Washington announced visa restrictions on Ugandan officials."),
                    "SANCTION")[0]
    assert sides(ban) == ("USA", "UGA")
    patrol = events_of(coded("Japanese and Australian warships held joint patrols in the "
                             "Philippine Sea."), "COOPERATE")[0]
    assert set(sides(patrol)) == {"JPN", "AUS"}


def test_a_known_group_speaks_for_its_rebel_group_phrase() -> None:
    doc = coded("Goma rebels\n\nNAIROBI - The M23 rebel group said it had captured the town "
                "of Walikale on Wednesday.")
    assert all(a.country == "COD" for a in doc.actors if a.text in ("it", "rebel"))


def test_an_unknown_militia_belongs_where_its_sentence_happens() -> None:
    doc = coded("Ituri fighting\n\nBRUSSELS - Soldiers clashed with fighters of the Zaire "
                "militia near Bunia in Ituri province on Sunday, officials in Kinshasa said.")
    event = events_of(doc, "ASSAULT")[0]
    assert "BEL" not in sides(event)


def test_the_group_refers_back_to_the_last_organisation_named() -> None:
    doc = coded("Rebel talks\n\nBAMAKO - Mali suspended talks with the JNIM jihadist group on "
                "Friday, accusing the group of killing civilians.")
    accuse = events_of(doc, "ACCUSE")[0]
    assert accuse.target is not None and accuse.target.name == "JNIM"


def test_supporters_of_a_leader_act_for_his_side() -> None:
    doc = coded("Supporters of opposition leader Imran Khan stormed the parliament building in "
                "Islamabad.")
    event = triggered(doc, "stormed")
    assert sides(event)[0] == "PAK"


def test_boarding_extradition_and_a_state_of_siege() -> None:
    board = events_of(coded("Chinese coast guard officers boarded a Philippine fishing boat "
                            "near Scarborough Shoal."), "COERCE")[0]
    assert sides(board) == ("CHN", "PHL")
    handed = events_of(coded("Honduras handed over two suspected drug traffickers to the "
                             "United States on Monday."), "COOPERATE")[0]
    assert handed.mode == "judicial" and sides(handed) == ("HND", "USA")
    siege = events_of(coded("Peru's president declared a state of siege in the Lima region."),
                      "COERCE")[0]
    assert siege.mode == "martial-law"


def test_summoning_a_high_commissioner_targets_his_country() -> None:
    event = events_of(coded("Bangladesh summoned India's high commissioner on Sunday."),
                      "ACCUSE")[0]
    assert sides(event) == ("BGD", "IND")


def test_releasing_a_video_is_no_release() -> None:
    doc = coded("The group released a video of the hostages on Monday.")
    assert all(e.event_type != "RETREAT" for e in doc.events)
    freed = events_of(coded("Hamas released three hostages on Saturday."), "RETREAT")[0]
    assert freed.mode == "release"


def test_a_relative_clause_acts_for_the_noun_it_describes() -> None:
    doc = coded("Sahel attack\n\nBAMAKO - Officials named the Katiba Macina militia, which "
                "overran a border post near Mopti on Sunday.")
    overran = triggered(doc, "overran")
    assert overran.source is not None and overran.source.country == "MLI"
    whose = coded("Kenya, whose police officers deployed to Port-au-Prince last year, said its "
                  "mission would continue.")
    deployed = triggered(whose, "deployed")
    assert sides(deployed)[0] == "KEN"


def test_a_surname_the_model_misses_is_the_person_named_before() -> None:
    doc = coded("Opposition leader\n\nJUBA - South Sudan's First Vice President Riek Machar "
                "left the capital on Monday. The government accused Machar of plotting a "
                "rebellion.")
    accuse = events_of(doc, "ACCUSE")[0]
    # the converted Phoenix dictionary knows him by his full name
    assert accuse.target is not None and accuse.target.name.startswith("Riek Machar")
    assert accuse.target.country == "SSD"


def test_troops_sent_with_no_sender_named_stand_in_for_it() -> None:
    event = events_of(coded("About 2,000 Kenyan police officers had been sent to the capital, "
                            "officials said."), "MOBILIZE")[0]
    assert sides(event)[0] == "KEN"
    sent = events_of(coded("Troops were deployed by Rwanda to the border."), "MOBILIZE")[0]
    assert sides(sent)[0] == "RWA"


def test_aid_handed_out_and_refugees_taken_in() -> None:
    handed = events_of(coded("Jordan distributed food and blankets to Syrian refugees."),
                       "AID")[0]
    assert sides(handed)[0] == "JOR"
    taken = events_of(coded("Poland said it had taken in thousands of Ukrainian refugees."),
                      "AID")[0]
    assert sides(taken)[0] == "POL"


def test_counterattacks_and_naval_patrols() -> None:
    assert events_of(coded("Ukrainian forces launched counterattacks near Kupiansk."), "ASSAULT")
    patrol = events_of(coded("China's coast guard carried out law enforcement patrols near "
                             "Kinmen."), "MOBILIZE")[0]
    assert sides(patrol)[0] == "CHN"


def test_strikes_on_positions_held_by_a_group_target_the_group() -> None:
    event = events_of(coded("The military responded with air strikes on positions held by the "
                            "Arakan Army near Sittwe."), "ASSAULT")[0]
    assert event.target is not None and event.target.name == "Arakan Army"


def test_a_place_inside_a_noun_modifier_does_not_set_the_next_sentence_country() -> None:
    doc = coded("Embassy stormed\n\nBAGHDAD - The crowd, angered by a planned protest outside "
                "the Iraqi embassy in Copenhagen, broke into the compound. Police said 20 "
                "people had been arrested.")
    arrest = triggered(doc, "arrested")
    assert arrest.target is not None and arrest.target.country == "IRQ"


def test_declaring_an_agreement_null_and_void_rejects_it() -> None:
    event = events_of(coded("Somalia's cabinet met in an emergency session and declared the "
                            "agreement null and void."), "REJECT")[0]
    assert sides(event)[0] == "SOM"


def test_an_outlet_name_inside_a_longer_name_is_no_outlet() -> None:
    doc = coded("Gunmen attacked the National Museum in Kabul on Sunday.")
    assert all(a.sector != "MED" for a in doc.actors)
    cited = coded("The National reported that troops entered the town.")
    assert any(a.sector == "MED" for a in cited.actors)


def test_a_quoted_we_is_the_speaker_and_the_quote_is_the_act() -> None:
    doc = coded('"We demand that Beijing return our equipment," Philippine armed forces chief '
                'General Romeo Brawner told reporters.')
    request = events_of(doc, "REQUEST")[0]
    assert sides(request) == ("PHL", "CHN")
    assert request.certainty == "asserted" and request.attribution is None
    unknown = coded('"Our soldiers were attacked at dawn," General Romeo Brawner said.')
    assert all(e.source is None or e.source.text != "General Romeo Brawner"
               for e in unknown.events)


def test_a_relative_who_done_to_is_the_noun_it_describes() -> None:
    doc = coded("Police named Amir Khan, a Canadian journalist who was shot dead outside his "
                "home near Toronto last year.")
    shot = triggered(doc, "shot")
    assert sides(shot)[1] == "CAN"


def test_investigations_and_cyber_attacks() -> None:
    probe = events_of(coded("A French journalist was placed under investigation in Turkey on "
                            "Monday."), "ACCUSE")[0]
    assert probe.mode == "investigate"
    defaced = events_of(coded("Iranian hackers defaced dozens of Israeli news websites."),
                        "COERCE")[0]
    assert defaced.mode == "cyber" and sides(defaced) == ("IRN", "ISR")
