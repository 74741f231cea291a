//! Values with a bound the schema states and the types enforce: lists that must have an item and
//! percentages. Like the constrained strings in [`super::pattern`], each bound lives in one
//! place, so a value the types accept is one the schema accepts, and the other way round.

use std::borrow::Cow;
use std::fmt;
use std::ops::Deref;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The error of a value outside its type's bound.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum OutOfBounds {
    /// A list that must have at least one item had none.
    #[error("the list is empty: it needs at least one item")]
    EmptyList,
    /// A percentage outside 0 to 100.
    #[error("{0} is not a percentage: it must lie between 0 and 100")]
    Percentage(f64),
}

/// A list with at least one item, such as a record's citations: a record that cites nothing has
/// no place in the dataset. In the schema it is an array with `minItems: 1`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct NonEmpty<T>(Vec<T>);

impl<T> NonEmpty<T> {
    /// A list of `first` followed by `rest`.
    pub fn new(first: T, rest: impl IntoIterator<Item = T>) -> Self {
        let mut items = vec![first];
        items.extend(rest);
        Self(items)
    }

    /// The first item, which always exists.
    pub fn first(&self) -> &T {
        // The constructor and deserialization never make an empty list.
        &self.0[0]
    }

    /// The items as a plain vector.
    pub fn into_vec(self) -> Vec<T> {
        self.0
    }
}

impl<T> TryFrom<Vec<T>> for NonEmpty<T> {
    type Error = OutOfBounds;

    fn try_from(items: Vec<T>) -> Result<Self, OutOfBounds> {
        if items.is_empty() {
            Err(OutOfBounds::EmptyList)
        } else {
            Ok(Self(items))
        }
    }
}

impl<T> From<NonEmpty<T>> for Vec<T> {
    fn from(list: NonEmpty<T>) -> Vec<T> {
        list.0
    }
}

impl<T> Deref for NonEmpty<T> {
    type Target = [T];

    fn deref(&self) -> &[T] {
        &self.0
    }
}

impl<'a, T> IntoIterator for &'a NonEmpty<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<T> IntoIterator for NonEmpty<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<T: Serialize> Serialize for NonEmpty<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for NonEmpty<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let items = Vec::<T>::deserialize(deserializer)?;
        Self::try_from(items).map_err(serde::de::Error::custom)
    }
}

impl<T: JsonSchema> JsonSchema for NonEmpty<T> {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        format!("NonEmpty_{}", T::schema_name()).into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "array",
            "items": generator.subschema_for::<T>(),
            "minItems": 1
        })
    }
}

/// A percentage, from 0 to 100 inclusive.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Serialize, Deserialize)]
#[serde(try_from = "f64", into = "f64")]
pub struct Percentage(f64);

impl Percentage {
    /// The percentage as a number from 0 to 100.
    pub fn get(self) -> f64 {
        self.0
    }
}

impl TryFrom<f64> for Percentage {
    type Error = OutOfBounds;

    fn try_from(value: f64) -> Result<Self, OutOfBounds> {
        // Also rejects NaN, which no comparison admits.
        if (0.0..=100.0).contains(&value) {
            Ok(Self(value))
        } else {
            Err(OutOfBounds::Percentage(value))
        }
    }
}

impl From<Percentage> for f64 {
    fn from(value: Percentage) -> f64 {
        value.0
    }
}

impl fmt::Display for Percentage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}%", self.0)
    }
}

impl JsonSchema for Percentage {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "Percentage".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "number",
            "minimum": 0,
            "maximum": 100
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_hold_both_ways() {
        assert!(NonEmpty::<u8>::try_from(vec![]).is_err());
        assert_eq!(NonEmpty::new(1, [2, 3]).first(), &1);
        assert!(Percentage::try_from(100.0).is_ok() && Percentage::try_from(0.0).is_ok());
        assert!(Percentage::try_from(100.5).is_err() && Percentage::try_from(-0.1).is_err());
        assert!(Percentage::try_from(f64::NAN).is_err());
    }
}
