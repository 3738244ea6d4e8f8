/// The order in which the questions still to ask are put: the one home of that order, used by
/// the JSON contract, the text, the page's interview and the fiche.
///
/// Questions that screen for an emergency first, the most severe first (`Urgency`: safety,
/// shelter, resources): 004, partie 2, the barriers are lifted « en fonction des urgences des
/// bénéficiaires », so an unknown urgency is the first thing to learn. Then those whose answer
/// can change the route, then the référent, then the rest; vocabulary order within each.
public enum QuestionOrder {
    public static func ordered(_ questions: [Question]) -> [Question] {
        let unranked = Urgency.allCases.count
        return questions.enumerated().sorted { a, b in
            let x = a.element, y = b.element
            let left = x.screens?.rank ?? unranked, right = y.screens?.rank ?? unranked
            if left != right { return left < right }
            if group(x) != group(y) { return group(x) < group(y) }
            return a.offset < b.offset
        }.map(\.element)
    }

    /// 0: can change the route; 1: only the référent; 2: neither.
    private static func group(_ question: Question) -> Int {
        if question.changes.contains(.route) { return 0 }
        return question.changes.contains(.referent) ? 1 : 2
    }
}
