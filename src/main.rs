fn main() {
    println!("{} rules", slint_rules::all_rules().len());
}
