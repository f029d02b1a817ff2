"""The claim grammar: sentences, the words it knows, attribution, and the constructions that make a claim."""
