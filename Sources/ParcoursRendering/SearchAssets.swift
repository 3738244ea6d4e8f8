import ParcoursEngine

/// The docs site's search: an index written with the site (a script that sets
/// `PARCOURS_INDEX`, so that it loads from the file system with no server), and plain
/// JavaScript that filters it as one types. Accents and case are ignored; every word typed must
/// appear in the entry; entries whose title holds them all come first.
package enum SearchAssets {
    /// One searchable page: its title, what kind of page, the words it is found by, its path.
    package struct Entry {
        let title: String
        let kind: String
        let words: String
        let path: String
    }

    package static func index(_ entries: [Entry]) -> String {
        let items = entries.map { entry in "[" + [entry.title, entry.kind, entry.words, entry.path].map(JSONValue.quote).joined(separator: ",") + "]" }
        return "// Généré par parcours docs : l'index de la recherche.\nwindow.PARCOURS_INDEX = [\n" + items.joined(separator: ",\n") + "\n];\n"
    }

    package static let script = #"""
    // Généré par parcours docs : la recherche du site, sans serveur ni dépendance.
    (function () {
      "use strict";
      var input = document.getElementById("search");
      var list = document.getElementById("search-results");
      var index = window.PARCOURS_INDEX || [];
      if (!input || !list) return;
      var root = input.getAttribute("data-root") || "";
      function fold(text) { return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }
      var titles = index.map(function (entry) { return fold(entry[0]); });
      var folded = index.map(function (entry) { return fold(entry[0] + " " + entry[1] + " " + entry[2]); });
      function matches(text, words) { return words.every(function (word) { return text.indexOf(word) >= 0; }); }
      function show() {
        var words = fold(input.value).split(/\s+/).filter(function (word) { return word.length > 0; });
        list.textContent = "";
        if (words.length === 0) return;
        // Pages whose title holds every word first, then those that mention them.
        var found = [];
        for (var i = 0; i < index.length; i++) if (matches(titles[i], words)) found.push(i);
        for (var j = 0; j < index.length; j++) if (!matches(titles[j], words) && matches(folded[j], words)) found.push(j);
        var shown = 0;
        for (var k = 0; k < found.length && shown < 20; k++) {
          var i = found[k];
          var item = document.createElement("li");
          var link = document.createElement("a");
          link.href = root + index[i][3];
          link.textContent = index[i][0];
          var kind = document.createElement("small");
          kind.textContent = index[i][1];
          link.appendChild(kind);
          item.appendChild(link);
          list.appendChild(item);
          shown++;
        }
        if (shown === 0) {
          var none = document.createElement("li");
          none.textContent = "Aucun résultat.";
          none.style.padding = "0.3rem 0.7rem";
          list.appendChild(none);
        }
      }
      input.addEventListener("input", show);
      input.addEventListener("keydown", function (event) {
        if (event.key === "Enter") {
          var first = list.querySelector("a");
          if (first) { window.location.href = first.href; }
          event.preventDefault();
        } else if (event.key === "Escape") {
          input.value = "";
          show();
        }
      });
    })();

    """#
}
